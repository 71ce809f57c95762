-- MySQL dump 10.13
CREATE TABLE `pagos` (`id` int, `clabe` char(18));
INSERT INTO `pagos` VALUES (1,'002180700952342837'),(2,'0021807009
-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: 127.0.0.1    Database: legacy
-- ------------------------------------------------------
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;

--
-- Table structure for table `personas`
--

DROP TABLE IF EXISTS `personas`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `personas` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `curp` char(18) CHARACTER SET latin1 DEFAULT NULL,
  `nombre_completo` varchar(120) DEFAULT NULL COMMENT 'nombre; apellidos',
  `fecha_nacimiento` date DEFAULT NULL,
  `domicilio` varchar(200) DEFAULT NULL,
  `foto` blob,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_curp` (`curp`)
) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `personas`
--

LOCK TABLES `personas` WRITE;
/*!40000 ALTER TABLE `personas` DISABLE KEYS */;
INSERT INTO `personas` VALUES (1,'SAMO850605MOCNRL00','OLGA SÁNCHEZ MORENO','1985-06-05','CALLE O\'HIGGINS 12, COL. CENTRO',_binary 'GIF89a\0\0'),(2,'ROCL010214HPLDSSA1','LUIS RODRÍGUEZ CASTRO','2001-02-14','AV. REFORMA 1500 \"B\", COL. JUÁREZ',NULL),(3,'VIRE551023MCHLML08','ELENA VILLA RAMÍREZ','1955-10-23','PRIV. LAS ROSAS 7;\nCOL. SAN FELIPE',0x89504E47);
INSERT INTO `personas` VALUES (4,'TOBD990709HGRRTV01','DAVID TORRES BAUTISTA','1999-07-09','CALLE 5 DE MAYO 33',NULL);
/*!40000 ALTER TABLE `personas` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `consultas`
--

DROP TABLE IF EXISTS `consultas`;
CREATE TABLE `consultas` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `id_persona` int(11) NOT NULL,
  `fecha` datetime NOT NULL,
  `diagnostico_cie10` varchar(10) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `fk_persona` (`id_persona`),
  CONSTRAINT `fk_consultas_persona` FOREIGN KEY (`id_persona`) REFERENCES `personas` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

LOCK TABLES `consultas` WRITE;
INSERT INTO `consultas` VALUES (1,1,'2023-02-01 09:30:00','E11.9'),(2,1,'2023-05-17 00:00:00','I10'),(3,3,'2024-01-08 12:15:00','J45.0');
UNLOCK TABLES;

DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `tr_consulta` BEFORE INSERT ON `consultas` FOR EACH ROW BEGIN
  SET NEW.fecha = NOW();
END */;;
DELIMITER ;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;

-- Dump completed on 2024-03-01 10:00:00

// Package kubernetes holds the tests of the Kubernetes manifests beside it:
// every manifest decodes strictly against the Kubernetes API types, the
// kustomization renders to objects that keep the scan's invariants (one
// shard per index, N in one place, secrets only as files, the merge reading
// the scan's volume, the restricted pod security profile), and the rendered
// commands run against a real alcance binary.
//
// It is its own module (deploy/go.mod) so that the Kubernetes and kustomize
// libraries never enter alcance's own dependencies.
package kubernetes

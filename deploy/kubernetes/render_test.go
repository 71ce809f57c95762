package kubernetes

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	kusttypes "sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

// The names the manifests and the README agree on.
const (
	scanJobName  = "alcance-scan"
	mergeJobName = "alcance-merge"
	scanName     = "scan"  // the scan Job's container
	mergeName    = "merge" // the merge Job's container
	shardEnv     = "SHARD_COUNT"
	indexEnv     = "JOB_COMPLETION_INDEX" // set by the Job controller in Indexed Jobs
)

// objects is what a manifest or a kustomize build holds, decoded into the
// Kubernetes API types.
type objects struct {
	jobs       map[string]*batchv1.Job
	claims     map[string]*corev1.PersistentVolumeClaim
	configMaps map[string]*corev1.ConfigMap
	policies   map[string]*networkingv1.NetworkPolicy
	pods       map[string]*corev1.Pod
}

func newObjects() *objects {
	return &objects{
		jobs:       map[string]*batchv1.Job{},
		claims:     map[string]*corev1.PersistentVolumeClaim{},
		configMaps: map[string]*corev1.ConfigMap{},
		policies:   map[string]*networkingv1.NetworkPolicy{},
		pods:       map[string]*corev1.Pod{},
	}
}

// decodeStrict decodes one YAML document into v, refusing unknown and
// duplicate fields: a misspelt field (backoffLimitPerIndx, readOnlyRootFS)
// would otherwise be dropped by the API server's lenient decoding and the
// manifest would quietly lose what it meant to say.
func decodeStrict(doc []byte, v any) error {
	return yaml.UnmarshalStrict(doc, v)
}

// add decodes one document by its apiVersion and kind. A kind the tests do
// not know is an error: every object the manifests create must be checked.
func (o *objects) add(doc []byte) error {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if err := yaml.Unmarshal(doc, &head); err != nil {
		return err
	}
	name := head.Metadata.Name
	if name == "" {
		return fmt.Errorf("%s %s without metadata.name", head.APIVersion, head.Kind)
	}
	var err error
	switch head.APIVersion + " " + head.Kind {
	case "batch/v1 Job":
		var j batchv1.Job
		err = decodeStrict(doc, &j)
		o.jobs[name] = &j
	case "v1 PersistentVolumeClaim":
		var c corev1.PersistentVolumeClaim
		err = decodeStrict(doc, &c)
		o.claims[name] = &c
	case "v1 ConfigMap":
		var c corev1.ConfigMap
		err = decodeStrict(doc, &c)
		o.configMaps[name] = &c
	case "v1 Pod":
		var p corev1.Pod
		err = decodeStrict(doc, &p)
		o.pods[name] = &p
	case "networking.k8s.io/v1 NetworkPolicy":
		var p networkingv1.NetworkPolicy
		err = decodeStrict(doc, &p)
		o.policies[name] = &p
	default:
		return fmt.Errorf("%s: %s %s is not a kind these tests check", name, head.APIVersion, head.Kind)
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", head.Kind, name, err)
	}
	return nil
}

var docSeparator = regexp.MustCompile(`(?m)^---\s*$`)

// splitDocs splits a multi-document YAML file, dropping empty documents.
func splitDocs(b []byte) [][]byte {
	var docs [][]byte
	for _, d := range docSeparator.Split(string(b), -1) {
		if strings.TrimSpace(stripComments(d)) != "" {
			docs = append(docs, []byte(d))
		}
	}
	return docs
}

func stripComments(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// readKustomization decodes kustomization.yaml strictly against kustomize's
// own type.
func readKustomization(t *testing.T, dir string) *kusttypes.Kustomization {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "kustomization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var k kusttypes.Kustomization
	if err := decodeStrict(b, &k); err != nil {
		t.Fatalf("kustomization.yaml: %v", err)
	}
	return &k
}

// copyToMemory copies the manifests folder into an in-memory file system,
// where a test may edit it without touching the files.
func copyToMemory(t *testing.T, dir string) filesys.FileSystem {
	t.Helper()
	fs := filesys.MakeFsInMemory()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := fs.WriteFile(filepath.Join("/k", e.Name()), b); err != nil {
			t.Fatal(err)
		}
	}
	return fs
}

// build renders the kustomization in fs at /k, as `kubectl apply -k` would,
// and decodes every resulting object strictly.
func build(t *testing.T, fs filesys.FileSystem) *objects {
	t.Helper()
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	m, err := k.Run(fs, "/k")
	if err != nil {
		t.Fatalf("kustomize build: %v", err)
	}
	o := newObjects()
	for _, r := range m.Resources() {
		doc, err := r.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		if err := o.add(doc); err != nil {
			t.Fatalf("rendered %v", err)
		}
	}
	return o
}

// rendered is the kustomization as the repository holds it.
func rendered(t *testing.T) *objects {
	t.Helper()
	return build(t, copyToMemory(t, "."))
}

// shardCount is N as kustomization.yaml sets it: the literal count= of the
// alcance-shards generator.
func shardCount(t *testing.T, k *kusttypes.Kustomization) string {
	t.Helper()
	for _, g := range k.ConfigMapGenerator {
		if g.Name != "alcance-shards" {
			continue
		}
		for _, l := range g.LiteralSources {
			if v, ok := strings.CutPrefix(l, "count="); ok {
				return v
			}
		}
	}
	t.Fatal("kustomization.yaml: no count= literal in the alcance-shards generator")
	return ""
}

// container returns the named container of a pod template.
func container(t *testing.T, spec *corev1.PodSpec, name string) *corev1.Container {
	t.Helper()
	for i := range spec.Containers {
		if spec.Containers[i].Name == name {
			return &spec.Containers[i]
		}
	}
	t.Fatalf("no container %q", name)
	return nil
}

// job returns the named Job or fails.
func (o *objects) job(t *testing.T, name string) *batchv1.Job {
	t.Helper()
	j, ok := o.jobs[name]
	if !ok {
		t.Fatalf("no Job %s", name)
	}
	return j
}

// envValue returns the literal value of a container's environment variable.
func envValue(c *corev1.Container, name string) (string, bool) {
	for _, e := range c.Env {
		if e.Name == name && e.ValueFrom == nil {
			return e.Value, true
		}
	}
	return "", false
}

// expand replaces $(VAR) references the way the kubelet does in command,
// args and env values (Kubernetes' forked expansion package): a defined
// variable is replaced, an undefined reference is left as it is, and $$
// stands for one $.
func expand(s string, vars map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '$':
			b.WriteByte('$')
			i++
		case '(':
			end := strings.IndexByte(s[i+2:], ')')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			name := s[i+2 : i+2+end]
			if v, ok := vars[name]; ok {
				b.WriteString(v)
			} else {
				b.WriteString("$(" + name + ")")
			}
			i += 2 + end
		default:
			b.WriteByte('$')
		}
	}
	return b.String()
}

// containerEnv returns the variables a container's command sees: its own
// literal env values (each expanded with the ones before it, as the kubelet
// does) and, for an Indexed Job, the index the Job controller adds.
func containerEnv(c *corev1.Container, index string) map[string]string {
	vars := map[string]string{}
	if index != "" {
		vars[indexEnv] = index
	}
	for _, e := range c.Env {
		if e.ValueFrom == nil {
			vars[e.Name] = expand(e.Value, vars)
		}
	}
	return vars
}

// commandLine is a container's command and args after expansion.
func commandLine(c *corev1.Container, vars map[string]string) []string {
	var out []string
	for _, a := range append(append([]string{}, c.Command...), c.Args...) {
		out = append(out, expand(a, vars))
	}
	return out
}

// flagValue returns the value of a flag in an alcance command line (given
// as "--flag value" or "--flag=value"); all values when repeated.
func flagValues(args []string, names ...string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		for _, n := range names {
			if args[i] == n && i+1 < len(args) {
				out = append(out, args[i+1])
			} else if v, ok := strings.CutPrefix(args[i], n+"="); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// mountFor returns the volume mount under which path lies, the longest
// mount path first, and the volume it mounts.
func mountFor(spec *corev1.PodSpec, c *corev1.Container, path string) (*corev1.VolumeMount, *corev1.Volume) {
	var best *corev1.VolumeMount
	for i := range c.VolumeMounts {
		m := &c.VolumeMounts[i]
		if path == m.MountPath || strings.HasPrefix(path, strings.TrimSuffix(m.MountPath, "/")+"/") {
			if best == nil || len(m.MountPath) > len(best.MountPath) {
				best = m
			}
		}
	}
	if best == nil {
		return nil, nil
	}
	for i := range spec.Volumes {
		if spec.Volumes[i].Name == best.Name {
			return best, &spec.Volumes[i]
		}
	}
	return best, nil
}

// keyIn returns the key of a Secret or ConfigMap volume that path names
// (the volume mounts every key as a file named after it, or as an item's
// path).
func keyIn(m *corev1.VolumeMount, items []corev1.KeyToPath, path string) string {
	rel := strings.TrimPrefix(strings.TrimPrefix(path, m.MountPath), "/")
	for _, it := range items {
		if it.Path == rel {
			return it.Key
		}
	}
	if len(items) > 0 {
		return ""
	}
	return rel
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
}

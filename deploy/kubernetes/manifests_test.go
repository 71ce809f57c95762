package kubernetes

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	psapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

// inventorySource is one entry of alcance's --inventory file, as
// cmd/alcance reads it (unknown keys are errors there too).
type inventorySource struct {
	Name         string   `json:"name"`
	Institution  string   `json:"institution"`
	URL          string   `json:"url"`
	PasswordEnv  string   `json:"password_env"`
	PasswordFile string   `json:"password_file"`
	Include      []string `json:"include"`
	Exclude      []string `json:"exclude"`
}

type inventory struct {
	Sources []inventorySource `json:"sources"`
}

func readInventory(t *testing.T, b []byte) inventory {
	t.Helper()
	var inv inventory
	if err := decodeStrict(b, &inv); err != nil {
		t.Fatalf("inventory.yaml: %v", err)
	}
	if len(inv.Sources) == 0 {
		t.Fatal("inventory.yaml: no sources")
	}
	return inv
}

// TestEveryManifestDecodesStrictly decodes each file of this folder against
// the type it declares (Kubernetes objects, the Kustomization, alcance's
// inventory), refusing unknown fields, and checks that kustomization.yaml
// lists every manifest here, so none is silently left out of a deployment.
func TestEveryManifestDecodesStrictly(t *testing.T) {
	k := readKustomization(t, ".")
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var manifests []string
	for _, f := range files {
		switch f {
		case "kustomization.yaml":
			continue
		case "inventory.yaml":
			readInventory(t, mustRead(t, f))
			continue
		case collectPodFile: // started by hand, after the merge
		default:
			manifests = append(manifests, f)
		}
		docs := splitDocs(mustRead(t, f))
		if len(docs) == 0 {
			t.Errorf("%s: no object", f)
		}
		o := newObjects()
		for _, d := range docs {
			if err := o.add(d); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
	}
	slices.Sort(manifests)
	listed := slices.Clone(k.Resources)
	slices.Sort(listed)
	if !slices.Equal(manifests, listed) {
		t.Errorf("kustomization.yaml resources %v, the folder's manifests %v", listed, manifests)
	}
	// The rendered objects decode strictly too (build fails the test if not).
	o := rendered(t)
	if len(o.jobs) != 2 || len(o.claims) != 1 {
		t.Errorf("rendered %d Jobs and %d claims, want the scan and merge Jobs and one claim", len(o.jobs), len(o.claims))
	}
	if _, ok := o.configMaps["alcance-shards"]; ok {
		t.Error("the alcance-shards ConfigMap is rendered: it is kustomize's local configuration and must not reach the cluster")
	}
}

const collectPodFile = "collect-pod.yaml"

// TestCollectPodReadsTheParts: the pod README.md uses to copy the report
// out is in the namespace the kustomization uses, mounts the scan's claim
// read-only, and is as hardened as the Jobs.
func TestCollectPodReadsTheParts(t *testing.T) {
	o := newObjects()
	for _, d := range splitDocs(mustRead(t, collectPodFile)) {
		if err := o.add(d); err != nil {
			t.Fatal(err)
		}
	}
	if len(o.pods) != 1 {
		t.Fatalf("%s holds %d pods, want one", collectPodFile, len(o.pods))
	}
	r := rendered(t)
	scan := r.job(t, scanJobName)
	ns := readKustomization(t, ".").Namespace
	for name, p := range o.pods {
		if p.Namespace != ns {
			t.Errorf("%s is in namespace %q, the kustomization in %q", name, p.Namespace, ns)
		}
		var claims []string
		for _, v := range p.Spec.Volumes {
			if v.PersistentVolumeClaim != nil {
				claims = append(claims, v.PersistentVolumeClaim.ClaimName)
				if !v.PersistentVolumeClaim.ReadOnly {
					t.Errorf("%s mounts %s writable", name, v.PersistentVolumeClaim.ClaimName)
				}
			}
		}
		for _, v := range scan.Spec.Template.Spec.Volumes {
			if v.PersistentVolumeClaim != nil && !slices.Contains(claims, v.PersistentVolumeClaim.ClaimName) {
				t.Errorf("%s does not mount %s, where the scan writes", name, v.PersistentVolumeClaim.ClaimName)
			}
		}
		checkHardened(t, "pod "+name, &p.ObjectMeta, &p.Spec, false)
	}
}

// TestStrictDecodingRefusesUnknownFields shows the decoder the other tests
// rely on rejects a misspelt field rather than dropping it.
func TestStrictDecodingRefusesUnknownFields(t *testing.T) {
	doc := []byte("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  backoffLimitPerIndx: 3\n")
	if err := newObjects().add(doc); err == nil {
		t.Fatal("a Job with backoffLimitPerIndx decoded without error")
	}
	doc = []byte("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  completions: 2\n  completions: 3\n")
	if err := newObjects().add(doc); err == nil {
		t.Fatal("a Job with a duplicate field decoded without error")
	}
	if err := newObjects().add([]byte("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n")); err == nil {
		t.Fatal("a kind the tests do not check was accepted")
	}
}

// TestScanJobIsOneShardPerIndex: an Indexed Job of N pods, each scanning
// shard INDEX/N and writing its own part files on the shared volume.
func TestScanJobIsOneShardPerIndex(t *testing.T) {
	o := rendered(t)
	n := shardCount(t, readKustomization(t, "."))
	checkShards(t, o, n)
}

func checkShards(t *testing.T, o *objects, n string) {
	t.Helper()
	shards, err := strconv.Atoi(n)
	if err != nil || shards < 1 {
		t.Fatalf("the shard count %q is not a whole number from 1", n)
	}
	j := o.job(t, scanJobName)
	if j.Spec.CompletionMode == nil || *j.Spec.CompletionMode != batchv1.IndexedCompletion {
		t.Fatal("the scan Job is not completionMode: Indexed: its pods would get no JOB_COMPLETION_INDEX")
	}
	if got := deref(j.Spec.Completions); got != int32(shards) {
		t.Errorf("completions %d, want %d", got, shards)
	}
	if got := deref(j.Spec.Parallelism); got != int32(shards) {
		t.Errorf("parallelism %d, want %d", got, shards)
	}
	spec := &j.Spec.Template.Spec
	c := container(t, spec, scanName)
	for _, e := range c.Env {
		if e.Name != indexEnv {
			continue
		}
		const annotation = "metadata.annotations['batch.kubernetes.io/job-completion-index']"
		if e.ValueFrom == nil || e.ValueFrom.FieldRef == nil || e.ValueFrom.FieldRef.FieldPath != annotation {
			t.Errorf("%s is declared, but not from %s: the shard index would be wrong", indexEnv, annotation)
		}
	}
	seen := map[string]int{}
	for i := range shards {
		idx := strconv.Itoa(i)
		args := commandLine(c, containerEnv(c, idx))
		if len(args) < 2 || args[1] != "scan" {
			t.Fatalf("the scan container runs %q, not alcance scan", args)
		}
		if got := flagValues(args, "--shard"); len(got) != 1 || got[0] != idx+"/"+n {
			t.Errorf("index %d: --shard %q, want %s/%s", i, got, idx, n)
		}
		if got := flagValues(args, "--inventory"); len(got) != 1 {
			t.Errorf("index %d: --inventory %q, want one", i, got)
		}
		if got := flagValues(args, "--hash-key-file"); len(got) != 1 {
			t.Errorf("index %d: --hash-key-file %q: --persons-out and --checkpoint need it", i, got)
		}
		var reportDir, personsDir string
		for _, f := range []string{"-o", "--persons-out", "--checkpoint"} {
			vals := flagValues(args, f)
			if f == "-o" {
				vals = append(vals, flagValues(args, "--output")...)
			}
			if len(vals) == 0 {
				t.Errorf("index %d: no %s", i, f)
				continue
			}
			for _, v := range vals {
				if !strings.Contains(path.Base(v), idx) {
					t.Errorf("index %d: %s %s does not carry the index: shards would overwrite each other", i, f, v)
				}
				seen[v]++
				_, vol := mountFor(spec, c, v)
				if vol == nil || vol.PersistentVolumeClaim == nil {
					t.Errorf("index %d: %s %s is not on the shared volume: a retry or the merge would not find it", i, f, v)
				}
				switch f {
				case "-o":
					if strings.HasSuffix(v, ".json") {
						reportDir = path.Dir(v)
					}
				case "--persons-out":
					personsDir = path.Dir(v)
				}
			}
		}
		// merge reads each part's persons file relative to its report's folder.
		if reportDir == "" || reportDir != personsDir {
			t.Errorf("index %d: the JSON report's folder %q and the persons file's %q differ", i, reportDir, personsDir)
		}
	}
	for v, k := range seen {
		if k > 1 {
			t.Errorf("%s is written by %d shards", v, k)
		}
	}
	m := o.job(t, mergeJobName)
	mc := container(t, &m.Spec.Template.Spec, mergeName)
	if got, _ := envValue(mc, shardEnv); got != n {
		t.Errorf("the merge expects %s=%q parts, the scan makes %s", shardEnv, got, n)
	}
	if args := commandLine(mc, containerEnv(mc, "")); !slices.Contains(args, n) {
		t.Errorf("the merge command %q does not pass the shard count %s", args, n)
	}
}

// TestShardCountIsSetInOnePlace changes N in kustomization.yaml alone and
// checks that every place that depends on it follows.
func TestShardCountIsSetInOnePlace(t *testing.T) {
	fs := copyToMemory(t, ".")
	b, err := fs.ReadFile("/k/kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	n := shardCount(t, readKustomization(t, "."))
	changed := strings.Replace(string(b), "count="+n, "count=7", 1)
	if changed == string(b) {
		t.Fatal("could not change the count in kustomization.yaml")
	}
	if err := fs.WriteFile("/k/kustomization.yaml", []byte(changed)); err != nil {
		t.Fatal(err)
	}
	checkShards(t, build(t, fs), "7")
}

// TestFailedShardIsRetriedAndResumes: a failed shard gets a new pod (never
// while the old one is still terminating), with the same checkpoint on the
// shared volume; bad usage fails at once; evictions do not count.
func TestFailedShardIsRetriedAndResumes(t *testing.T) {
	o := rendered(t)
	for _, name := range []string{scanJobName, mergeJobName} {
		j := o.job(t, name)
		spec := &j.Spec.Template.Spec
		if spec.RestartPolicy != corev1.RestartPolicyNever {
			t.Errorf("%s: restartPolicy %q: podFailurePolicy and per-index retries need Never", name, spec.RestartPolicy)
		}
		if j.Spec.PodReplacementPolicy == nil || *j.Spec.PodReplacementPolicy != batchv1.Failed {
			t.Errorf("%s: podReplacementPolicy is not Failed: a retry could start while the failed pod still writes", name)
		}
		retries := int32(0)
		if name == scanJobName {
			if j.Spec.BackoffLimitPerIndex != nil {
				retries = *j.Spec.BackoffLimitPerIndex
			}
			if j.Spec.BackoffLimit != nil {
				t.Errorf("%s: backoffLimit is set: with backoffLimitPerIndex one shard's failures must not fail the others", name)
			}
		} else if j.Spec.BackoffLimit != nil {
			retries = *j.Spec.BackoffLimit
		}
		if retries < 1 {
			t.Errorf("%s: no retry", name)
		}
		cname := scanName
		if name == mergeJobName {
			cname = mergeName
		}
		var failOnUsage, ignoreDisruption bool
		if p := j.Spec.PodFailurePolicy; p != nil {
			for _, r := range p.Rules {
				if e := r.OnExitCodes; e != nil && r.Action == batchv1.PodFailurePolicyActionFailJob &&
					e.Operator == batchv1.PodFailurePolicyOnExitCodesOpIn && slices.Contains(e.Values, 2) &&
					e.ContainerName != nil && *e.ContainerName == cname {
					failOnUsage = true
				}
				for _, c := range r.OnPodConditions {
					if r.Action == batchv1.PodFailurePolicyActionIgnore && c.Type == corev1.DisruptionTarget {
						ignoreDisruption = true
					}
				}
			}
		}
		if !failOnUsage {
			t.Errorf("%s: exit 2 (bad usage) is retried: it fails the same way every time", name)
		}
		if !ignoreDisruption {
			t.Errorf("%s: an eviction counts as a failure of the shard", name)
		}
	}
	// The checkpoint outlives the pod: it is on the claim, not in the pod.
	j := o.job(t, scanJobName)
	c := container(t, &j.Spec.Template.Spec, scanName)
	for _, cp := range flagValues(commandLine(c, containerEnv(c, "0")), "--checkpoint") {
		if _, vol := mountFor(&j.Spec.Template.Spec, c, cp); vol == nil || vol.PersistentVolumeClaim == nil {
			t.Errorf("--checkpoint %s is not on the shared volume: a retry would start over", cp)
		}
	}
}

var (
	secretCreate = regexp.MustCompile(`create secret generic ([a-z0-9.-]+)((?:\s+--[a-z-]+=\S+)*)`)
	fromFile     = regexp.MustCompile(`--from-file=(\S+)`)
)

// readmeSecrets returns the Secrets README.md tells the platform team to
// create, with their keys, from its `kubectl create secret generic`
// commands (continuation lines joined).
func readmeSecrets(t *testing.T) map[string][]string {
	t.Helper()
	text := strings.ReplaceAll(string(mustRead(t, "README.md")), "\\\n", " ")
	out := map[string][]string{}
	for _, m := range secretCreate.FindAllStringSubmatch(text, -1) {
		if strings.Contains(m[2], "--from-literal") {
			t.Errorf("README.md creates %s with --from-literal: a secret on a command line stays in the shell's history", m[1])
		}
		for _, f := range fromFile.FindAllStringSubmatch(m[2], -1) {
			key, _, found := strings.Cut(f[1], "=")
			if !found {
				key = path.Base(f[1])
			}
			out[m[1]] = append(out[m[1]], key)
		}
	}
	if len(out) == 0 {
		t.Fatal("README.md creates no Secret")
	}
	return out
}

// TestSecretsAreFilesTheREADMECreates: every Secret a pod uses is mounted
// as files (never an environment variable, never a command-line argument),
// is created by a command in README.md, and every key the scan reads from
// it (the hash key, each inventory password_file) is one that command
// creates. The inventory's URLs carry no password.
func TestSecretsAreFilesTheREADMECreates(t *testing.T) {
	o := rendered(t)
	created := readmeSecrets(t)
	for name, j := range o.jobs {
		spec := &j.Spec.Template.Spec
		for _, v := range spec.Volumes {
			if v.Secret != nil {
				if _, ok := created[v.Secret.SecretName]; !ok {
					t.Errorf("%s mounts Secret %s, which README.md does not create", name, v.Secret.SecretName)
				}
				if v.Secret.DefaultMode == nil || *v.Secret.DefaultMode&0o007 != 0 {
					t.Errorf("%s: Secret %s is mounted readable by every user (defaultMode %#o)", name, v.Secret.SecretName, deref(v.Secret.DefaultMode))
				}
				if v.Secret.Optional != nil && *v.Secret.Optional {
					t.Errorf("%s: Secret %s is optional: a pod would start without its key or passwords", name, v.Secret.SecretName)
				}
			}
			if v.Projected != nil {
				t.Errorf("%s: projected volume %s: these tests only follow secret volumes", name, v.Name)
			}
		}
		for _, c := range append(slices.Clone(spec.InitContainers), spec.Containers...) {
			for _, e := range c.Env {
				if e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
					t.Errorf("%s/%s: env %s comes from Secret %s: secrets go in files, where no process listing or crash dump shows them", name, c.Name, e.Name, e.ValueFrom.SecretKeyRef.Name)
				}
			}
			for _, e := range c.EnvFrom {
				if e.SecretRef != nil {
					t.Errorf("%s/%s: envFrom Secret %s: secrets go in files", name, c.Name, e.SecretRef.Name)
				}
			}
			for _, a := range append(slices.Clone(c.Command), c.Args...) {
				low := strings.ToLower(a)
				if strings.Contains(low, "password=") || strings.HasPrefix(low, "--password") && !strings.HasPrefix(low, "--password-file") {
					t.Errorf("%s/%s: %q puts a password on the command line", name, c.Name, a)
				}
				if u, err := url.Parse(a); err == nil && u.User != nil {
					if _, has := u.User.Password(); has {
						t.Errorf("%s/%s: %q has a password in a URL on the command line", name, c.Name, a)
					}
				}
			}
		}
	}

	// The scan reads the hash key and each password from keys README.md creates.
	j := o.job(t, scanJobName)
	spec := &j.Spec.Template.Spec
	c := container(t, spec, scanName)
	args := commandLine(c, containerEnv(c, "0"))
	secretKey := func(what, p string) {
		t.Helper()
		m, vol := mountFor(spec, c, p)
		if vol == nil || vol.Secret == nil {
			t.Errorf("%s %s is not in a mounted Secret", what, p)
			return
		}
		key := keyIn(m, vol.Secret.Items, p)
		if !slices.Contains(created[vol.Secret.SecretName], key) {
			t.Errorf("%s %s is key %q of Secret %s; README.md creates it with keys %v", what, p, key, vol.Secret.SecretName, created[vol.Secret.SecretName])
		}
	}
	for _, p := range flagValues(args, "--hash-key-file") {
		secretKey("--hash-key-file", p)
	}
	for _, p := range flagValues(args, "--password-file") {
		secretKey("--password-file", p)
	}
	invPaths := flagValues(args, "--inventory")
	if len(invPaths) != 1 {
		t.Fatalf("--inventory %v", invPaths)
	}
	inv := readInventory(t, []byte(configMapFile(t, o, spec, c, invPaths[0])))
	for _, s := range inv.Sources {
		u, err := url.Parse(s.URL)
		if err == nil && u.User != nil {
			if _, has := u.User.Password(); has {
				t.Errorf("inventory source %s: a password in its url; use password_file", s.Name)
			}
		}
		if s.PasswordEnv != "" {
			t.Errorf("inventory source %s: password_env %s: the pods have no such variable; use password_file", s.Name, s.PasswordEnv)
		}
		if s.PasswordFile == "" {
			t.Errorf("inventory source %s: no password_file", s.Name)
			continue
		}
		secretKey("inventory source "+s.Name+" password_file", s.PasswordFile)
	}
}

// configMapFile returns the content of the file at p in a container, from
// the rendered ConfigMap its volume mounts.
func configMapFile(t *testing.T, o *objects, spec *corev1.PodSpec, c *corev1.Container, p string) string {
	t.Helper()
	m, vol := mountFor(spec, c, p)
	if vol == nil || vol.ConfigMap == nil {
		t.Fatalf("%s is not in a mounted ConfigMap", p)
	}
	cm, ok := o.configMaps[vol.ConfigMap.Name]
	if !ok {
		t.Fatalf("%s: ConfigMap %s is not rendered", p, vol.ConfigMap.Name)
	}
	data, ok := cm.Data[keyIn(m, vol.ConfigMap.Items, p)]
	if !ok {
		t.Fatalf("%s: ConfigMap %s has no such key", p, vol.ConfigMap.Name)
	}
	return data
}

// TestMergeReadsTheScanParts: the merge Job mounts the scan's claim at the
// same path, runs merge-parts.sh as this folder holds it over the folder
// the shards write to, and waits (suspended) to be started.
func TestMergeReadsTheScanParts(t *testing.T) {
	o := rendered(t)
	scan, merge := o.job(t, scanJobName), o.job(t, mergeJobName)
	sc := container(t, &scan.Spec.Template.Spec, scanName)
	mc := container(t, &merge.Spec.Template.Spec, mergeName)
	parts := flagValues(commandLine(sc, containerEnv(sc, "0")), "-o")
	if len(parts) == 0 {
		t.Fatal("the scan writes no -o")
	}
	partsDir := path.Dir(parts[0])
	sm, sv := mountFor(&scan.Spec.Template.Spec, sc, partsDir)
	mm, mv := mountFor(&merge.Spec.Template.Spec, mc, partsDir)
	if sv == nil || mv == nil || sv.PersistentVolumeClaim == nil || mv.PersistentVolumeClaim == nil {
		t.Fatalf("the parts folder %s is not on a claim in both Jobs", partsDir)
	}
	if sv.PersistentVolumeClaim.ClaimName != mv.PersistentVolumeClaim.ClaimName || sm.MountPath != mm.MountPath {
		t.Errorf("the scan writes to claim %s at %s, the merge reads claim %s at %s",
			sv.PersistentVolumeClaim.ClaimName, sm.MountPath, mv.PersistentVolumeClaim.ClaimName, mm.MountPath)
	}
	if sv.PersistentVolumeClaim.ReadOnly || mv.PersistentVolumeClaim.ReadOnly || sm.ReadOnly || mm.ReadOnly {
		t.Error("the parts volume is read-only in one Job: the merge writes merged.json beside the parts")
	}
	claim, ok := o.claims[sv.PersistentVolumeClaim.ClaimName]
	if !ok {
		t.Fatalf("claim %s is not rendered", sv.PersistentVolumeClaim.ClaimName)
	}
	if !slices.Contains(claim.Spec.AccessModes, corev1.ReadWriteMany) {
		t.Errorf("claim %s is %v: shards on several nodes need ReadWriteMany", claim.Name, claim.Spec.AccessModes)
	}

	if merge.Spec.Suspend == nil || !*merge.Spec.Suspend {
		t.Error("the merge Job is not created suspended: it would run before the shards finish")
	}
	cmd := commandLine(mc, containerEnv(mc, ""))
	if len(cmd) != 4 || cmd[0] != "/bin/sh" {
		t.Fatalf("the merge runs %q, want /bin/sh SCRIPT N DIR", cmd)
	}
	script := configMapFile(t, o, &merge.Spec.Template.Spec, mc, cmd[1])
	if script != string(mustRead(t, "merge-parts.sh")) {
		t.Errorf("the merge runs a script that differs from merge-parts.sh")
	}
	if cmd[3] != partsDir {
		t.Errorf("the merge reads %s, the shards write to %s", cmd[3], partsDir)
	}
	if !strings.Contains(script, `"$dir/part-$i.json"`) || path.Base(parts[0]) != "part-0.json" {
		t.Errorf("the shards write %s, the script reads DIR/part-INDEX.json", path.Base(parts[0]))
	}
}

// TestPodsAreHardened evaluates every pod template against Kubernetes' own
// "restricted" Pod Security Standard (the checks the admission controller
// runs), and checks what that standard leaves open: a read-only root file
// system with a writable emptyDir for temporary files, no service account
// token, the same non-root user the image declares.
func TestPodsAreHardened(t *testing.T) {
	o := rendered(t)
	for name, j := range o.jobs {
		checkHardened(t, name, &j.Spec.Template.ObjectMeta, &j.Spec.Template.Spec, true)
	}
}

// checkHardened checks one pod template; alcance says whether it runs the
// alcance image (whose user and temporary folder are known).
func checkHardened(t *testing.T, name string, meta *metav1.ObjectMeta, spec *corev1.PodSpec, alcance bool) {
	t.Helper()
	eval, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range eval.EvaluatePod(psapi.LevelVersion{Level: psapi.LevelRestricted, Version: psapi.LatestVersion()}, meta, spec) {
		if !r.Allowed {
			t.Errorf("%s: restricted pod security: %s: %s", name, r.ForbiddenReason, r.ForbiddenDetail)
		}
	}
	if spec.AutomountServiceAccountToken == nil || *spec.AutomountServiceAccountToken {
		t.Errorf("%s: a service account token is mounted; nothing here talks to the API server", name)
	}
	if spec.HostNetwork || spec.HostPID || spec.HostIPC {
		t.Errorf("%s: shares a host namespace", name)
	}
	if alcance {
		psc := spec.SecurityContext
		if user := dockerfileUser(t); psc == nil || psc.RunAsUser == nil || *psc.RunAsUser != user {
			t.Errorf("%s: runAsUser is not the image's user %d", name, user)
		}
	}
	for _, c := range spec.Containers {
		sc := c.SecurityContext
		if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			t.Errorf("%s/%s: the root file system is writable", name, c.Name)
		}
		if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			t.Errorf("%s/%s: privilege escalation is allowed", name, c.Name)
		}
		if sc == nil || sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") || len(sc.Capabilities.Add) > 0 {
			t.Errorf("%s/%s: capabilities are not all dropped", name, c.Name)
		}
		if sc != nil && sc.Privileged != nil && *sc.Privileged {
			t.Errorf("%s/%s: privileged", name, c.Name)
		}
		if c.Resources.Limits.Memory().IsZero() || c.Resources.Limits.Cpu().IsZero() {
			t.Errorf("%s/%s: no cpu or memory limit", name, c.Name)
		}
		if !alcance {
			continue
		}
		// The person set spills to os.TempDir(): TMPDIR must be a
		// writable emptyDir, or a large scan fails when it spills.
		tmp, ok := envValue(&c, "TMPDIR")
		if !ok {
			t.Errorf("%s/%s: TMPDIR is not set", name, c.Name)
			continue
		}
		m, vol := mountFor(spec, &c, tmp)
		if vol == nil || vol.EmptyDir == nil || m.ReadOnly {
			t.Errorf("%s/%s: TMPDIR %s is not a writable emptyDir", name, c.Name, tmp)
		} else if vol.EmptyDir.SizeLimit == nil {
			t.Errorf("%s/%s: the emptyDir for TMPDIR has no sizeLimit", name, c.Name)
		}
	}
}

// The figures the resources are sized from: 36 million people through the
// person set peak at 333 MiB (BenchmarkPersonSet), and two samples at
// once take up to 256 MiB each in the worst case (connectors.MaxSampleBytes),
// with about 100 MiB for the rest, rounded up.
const measuredPeak = (333 + 2*256 + 100) << 20

// TestResourcesFitTheMeasuredFigures: every container asks for one core
// and for memory above the measured peak, with requests equal to limits
// (the Guaranteed class), and GOMEMLIMIT keeps the Go heap under the limit
// with headroom for memory the Go runtime does not manage.
func TestResourcesFitTheMeasuredFigures(t *testing.T) {
	o := rendered(t)
	for name, j := range o.jobs {
		spec := &j.Spec.Template.Spec
		for _, c := range spec.Containers {
			where := name + "/" + c.Name
			req, lim := c.Resources.Requests, c.Resources.Limits
			for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
				q, okR := req[r]
				l, okL := lim[r]
				if !okR || !okL {
					t.Errorf("%s: %s needs a request and a limit", where, r)
					continue
				}
				if q.Cmp(l) != 0 {
					t.Errorf("%s: %s request %s differs from its limit %s", where, r, q.String(), l.String())
				}
			}
			if cpu := req[corev1.ResourceCPU]; cpu.Cmp(resource.MustParse("1")) < 0 {
				t.Errorf("%s: cpu %s: a shard keeps one core busy", where, cpu.String())
			}
			mem := lim[corev1.ResourceMemory]
			if mem.Value() < measuredPeak*5/4 {
				t.Errorf("%s: memory limit %s leaves less than a quarter above the measured peak (%d MiB)", where, mem.String(), measuredPeak>>20)
			}
			gml, ok := envValue(&c, "GOMEMLIMIT")
			if !ok {
				t.Errorf("%s: GOMEMLIMIT is not set", where)
				continue
			}
			g, err := parseGoMemLimit(gml)
			if err != nil {
				t.Errorf("%s: GOMEMLIMIT %q: %v", where, gml, err)
				continue
			}
			if ratio := float64(g) / float64(mem.Value()); ratio < 0.75 || ratio > 0.95 {
				t.Errorf("%s: GOMEMLIMIT %s is %.0f%% of the memory limit %s, want 75%% to 95%%", where, gml, ratio*100, mem.String())
			}
			if g < measuredPeak {
				t.Errorf("%s: GOMEMLIMIT %s is below the measured peak", where, gml)
			}
			if _, ok := lim[corev1.ResourceEphemeralStorage]; !ok {
				t.Errorf("%s: no ephemeral-storage limit for the spill files", where)
			}
		}
	}
}

// parseGoMemLimit reads GOMEMLIMIT as the Go runtime does: a number of
// bytes with an optional B, KiB, MiB, GiB or TiB suffix.
func parseGoMemLimit(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}
	for _, u := range units {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseInt(n, 10, 64)
			return v * u.mult, err
		}
	}
	return strconv.ParseInt(s, 10, 64)
}

// TestImageIsTheDockerfiles: both Jobs run one image, which kustomize has
// pointed at a registry, and which deploy/Dockerfile builds: a static
// binary at the path the Jobs run, /bin/sh for the merge script, a
// distroless or scratch base.
func TestImageIsTheDockerfiles(t *testing.T) {
	o := rendered(t)
	df := string(mustRead(t, filepath.Join("..", "Dockerfile")))
	var images []string
	for name, j := range o.jobs {
		for _, c := range j.Spec.Template.Spec.Containers {
			images = append(images, c.Image)
			if !strings.Contains(c.Image, "/") || !strings.Contains(c.Image, ":") {
				t.Errorf("%s/%s: image %q is not a registry reference: kustomization.yaml's images: does not apply", name, c.Name, c.Image)
			}
			if len(c.Command) == 0 {
				t.Errorf("%s/%s: no command: the Job would depend on the image's entrypoint", name, c.Name)
				continue
			}
			if !regexp.MustCompile(`(?m)^COPY --from=\S+ \S+ ` + regexp.QuoteMeta(c.Command[0]) + `\s*$`).MatchString(df) {
				t.Errorf("%s/%s: runs %s, which deploy/Dockerfile does not install", name, c.Name, c.Command[0])
			}
		}
	}
	slices.Sort(images)
	if len(slices.Compact(images)) != 1 {
		t.Errorf("the Jobs run different images %v", images)
	}
	if !regexp.MustCompile(`(?m)^RUN CGO_ENABLED=0 .*go build`).MatchString(df) {
		t.Error("deploy/Dockerfile does not build with CGO_ENABLED=0: the binary would need a C library the base does not have")
	}
	froms := regexp.MustCompile(`(?m)^FROM (\S+)`).FindAllStringSubmatch(df, -1)
	if len(froms) == 0 {
		t.Fatal("deploy/Dockerfile has no FROM")
	}
	if base := froms[len(froms)-1][1]; !strings.HasPrefix(base, "gcr.io/distroless/static") && base != "scratch" {
		t.Errorf("deploy/Dockerfile's final base is %s, want distroless/static or scratch", base)
	}
}

// deref returns what p points to, or the zero value.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// dockerfileUser is the numeric user the image runs as.
func dockerfileUser(t *testing.T) int64 {
	t.Helper()
	m := regexp.MustCompile(`(?m)^USER (\d+)(?::\d+)?\s*$`).FindStringSubmatch(string(mustRead(t, filepath.Join("..", "Dockerfile"))))
	if m == nil {
		t.Fatal("deploy/Dockerfile has no numeric USER: Kubernetes cannot check runAsNonRoot against a name")
	}
	u, _ := strconv.ParseInt(m[1], 10, 64)
	return u
}

// TestNetworkPolicySelectsThePods: the ingress policy applies to both Jobs'
// pods.
func TestNetworkPolicySelectsThePods(t *testing.T) {
	o := rendered(t)
	if len(o.policies) == 0 {
		t.Fatal("no NetworkPolicy")
	}
	for pname, p := range o.policies {
		sel, err := metav1.LabelSelectorAsSelector(&p.Spec.PodSelector)
		if err != nil {
			t.Fatal(err)
		}
		if sel.Empty() {
			t.Errorf("%s selects every pod of the namespace", pname)
		}
		for name, j := range o.jobs {
			if !sel.Matches(labels.Set(j.Spec.Template.Labels)) {
				t.Errorf("NetworkPolicy %s does not select the pods of %s (labels %v)", pname, name, j.Spec.Template.Labels)
			}
		}
	}
}

// TestREADMECommandsNameTheObjects: the names README.md's kubectl commands
// use are those the manifests create.
func TestREADMECommandsNameTheObjects(t *testing.T) {
	o := rendered(t)
	readme := string(mustRead(t, "README.md"))
	k := readKustomization(t, ".")
	for _, want := range []string{"job/" + scanJobName, "job/" + mergeJobName, "-n " + k.Namespace} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md never mentions %q", want)
		}
	}
	for name := range o.claims {
		if !strings.Contains(readme, name) {
			t.Errorf("README.md never mentions the claim %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "Dockerfile")); err != nil || !strings.Contains(readme, "deploy/Dockerfile") {
		t.Error("README.md does not say how deploy/Dockerfile builds the image")
	}
}

// Command kubelet-config prints the KubeletConfiguration that a kubeadm-style manager uploads to a
// tenant's kube-system/kubelet-config ConfigMap: the kubelet's own v1beta1 defaults of the pinned
// Kubernetes version, with the values Kamaji sets (reference §3.4 item 2), encoded as Kamaji
// encodes it. Tests compare the controllers' ConfigMap with this output.
package main

import (
	"flag"
	"os"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	kubeletv1beta1 "k8s.io/kubelet/config/v1beta1"
	kubeletdefaults "k8s.io/kubernetes/pkg/kubelet/apis/config/v1beta1"
)

func main() {
	cgroupDriver := flag.String("cgroup-driver", "", "cgroupDriver")
	clusterDNS := flag.String("cluster-dns", "", "comma-separated clusterDNS")
	clusterDomain := flag.String("cluster-domain", "", "clusterDomain")
	flag.Parse()

	var config kubeletv1beta1.KubeletConfiguration
	kubeletdefaults.SetDefaults_KubeletConfiguration(&config)
	config.APIVersion = kubeletdefaults.SchemeGroupVersion.String()
	config.Kind = "KubeletConfiguration"
	config.Authentication.X509.ClientCAFile = "/etc/kubernetes/pki/ca.crt"
	config.CgroupDriver = *cgroupDriver
	if *clusterDNS != "" {
		config.ClusterDNS = strings.Split(*clusterDNS, ",")
	}
	config.ClusterDomain = *clusterDomain
	config.RotateCertificates = true
	config.StaticPodPath = "/etc/kubernetes/manifests"
	config.ResolverConfig = nil

	scheme := runtime.NewScheme()
	encoder := json.NewSerializerWithOptions(json.SimpleMetaFactory{}, scheme, scheme,
		json.SerializerOptions{Yaml: true})
	if err := encoder.Encode(&config, os.Stdout); err != nil {
		panic(err)
	}
}

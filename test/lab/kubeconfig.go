package main

import (
	"encoding/json"
	"os"
	"path/filepath"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// writeKubeconfig writes DIR/kubeconfig: per cluster an admin context (client certificate, system:masters)
// named after the cluster and a "<cluster>-viewer" context (bearer token, get/list/watch only).
func writeKubeconfig(path string, clusters []*cluster) error {
	cfg := clientcmdapi.NewConfig()
	for _, c := range clusters {
		cfg.Clusters[c.Name] = &clientcmdapi.Cluster{Server: c.URL(), CertificateAuthorityData: c.creds.CAPEM}
		cfg.AuthInfos[c.Name+"-admin"] = &clientcmdapi.AuthInfo{
			ClientCertificateData: c.creds.AdminCertPEM,
			ClientKeyData:         c.creds.AdminKeyPEM,
		}
		cfg.AuthInfos[c.Name+"-viewer"] = &clientcmdapi.AuthInfo{Token: c.creds.ViewerToken}
		cfg.Contexts[c.Name] = &clientcmdapi.Context{Cluster: c.Name, AuthInfo: c.Name + "-admin", Namespace: "default"}
		cfg.Contexts[c.Name+"-viewer"] = &clientcmdapi.Context{Cluster: c.Name, AuthInfo: c.Name + "-viewer", Namespace: "default"}
	}
	cfg.CurrentContext = clusters[0].Name
	return clientcmd.WriteToFile(*cfg, path)
}

type labInfo struct {
	Clusters []clusterInfo `json:"clusters"`
	Control  string        `json:"control"`
	PID      int           `json:"pid"`
}

type clusterInfo struct {
	Name   string `json:"name"`
	Server string `json:"server"`
	Port   int    `json:"port"`
	PID    int    `json:"pid"`
}

// writeLabInfo rewrites DIR/lab.json atomically so readers never see a half-written file.
func writeLabInfo(path string, clusters []*cluster, control string) error {
	info := labInfo{Control: control, PID: os.Getpid()}
	for _, c := range clusters {
		info.Clusters = append(info.Clusters, clusterInfo{Name: c.Name, Server: c.URL(), Port: c.Port, PID: c.pid()})
	}
	data, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), ".lab.json.tmp")
	if err := os.WriteFile(tmp, append(data, '\n'), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

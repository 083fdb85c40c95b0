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
	Clusters    []clusterInfo     `json:"clusters"`
	Processes   []processInfo     `json:"processes"`
	Federations map[string]string `json:"federations"`
	Etcd        string            `json:"etcd"`
	Control     string            `json:"control"`
	PID         int               `json:"pid"`
}

type clusterInfo struct {
	Name   string `json:"name"`
	Server string `json:"server"`
	Port   int    `json:"port"`
	PID    int    `json:"pid"`
}

type processInfo struct {
	Name  string `json:"name"`
	PID   int    `json:"pid"`
	Ports []int  `json:"ports"`
	Log   string `json:"log"`
}

// writeLabInfo rewrites DIR/lab.json atomically so readers never see a half-written file.
func writeLabInfo(path string, l *runningLab) error {
	info := labInfo{Control: l.control.URL, PID: os.Getpid(), Etcd: l.etcdURL, Federations: l.modes}
	for _, c := range l.clusters {
		info.Clusters = append(info.Clusters, clusterInfo{Name: c.Name, Server: c.URL(), Port: c.Port, PID: c.pid()})
		for _, p := range append([]*process{c.apiserver}, c.components...) {
			info.Processes = append(info.Processes, processInfo{Name: p.Name, PID: p.pid(), Ports: p.Ports, Log: p.Log})
		}
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

// writeAdminKubeconfig writes the file the components of one cluster log in with.
func writeAdminKubeconfig(c *cluster) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters[c.Name] = &clientcmdapi.Cluster{Server: c.URL(), CertificateAuthority: c.creds.CAFile}
	cfg.AuthInfos["admin"] = &clientcmdapi.AuthInfo{ClientCertificateData: c.creds.AdminCertPEM, ClientKeyData: c.creds.AdminKeyPEM}
	cfg.Contexts[c.Name] = &clientcmdapi.Context{Cluster: c.Name, AuthInfo: "admin"}
	cfg.CurrentContext = c.Name
	return clientcmd.WriteToFile(*cfg, c.Kubeconfig)
}

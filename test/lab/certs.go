package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// clusterCredentials are the files one cluster's apiserver reads and the data its kubeconfig entries embed.
type clusterCredentials struct {
	CAPEM, AdminCertPEM, AdminKeyPEM                                          []byte
	ViewerToken                                                               string
	CAFile, ServingCertFile, ServingKeyFile, ServiceAccountKeyFile, TokenFile string
}

func writeClusterCredentials(dir, cluster string) (*clusterCredentials, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	caTemplate := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "flotilla-lab-" + cluster + "-ca"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	ca, _ := x509.ParseCertificate(caDER)

	servingCert, servingKey, err := signedPair(ca, caKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: cluster},
		DNSNames:    []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.0.0.1")},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	if err != nil {
		return nil, err
	}
	adminCert, adminKey, err := signedPair(ca, caKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "flotilla-admin", Organization: []string{"system:masters"}},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
	if err != nil {
		return nil, err
	}
	saKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	saKeyDER, err := x509.MarshalPKCS8PrivateKey(saKey)
	if err != nil {
		return nil, err
	}
	token := make([]byte, 24)
	if _, err := rand.Read(token); err != nil {
		return nil, err
	}

	c := &clusterCredentials{
		CAPEM:                 pemBlock("CERTIFICATE", caDER),
		AdminCertPEM:          adminCert,
		AdminKeyPEM:           adminKey,
		ViewerToken:           hex.EncodeToString(token),
		CAFile:                filepath.Join(dir, "ca.crt"),
		ServingCertFile:       filepath.Join(dir, "serving.crt"),
		ServingKeyFile:        filepath.Join(dir, "serving.key"),
		ServiceAccountKeyFile: filepath.Join(dir, "service-account.key"),
		TokenFile:             filepath.Join(dir, "tokens.csv"),
	}
	files := map[string][]byte{
		c.CAFile:                c.CAPEM,
		c.ServingCertFile:       servingCert,
		c.ServingKeyFile:        servingKey,
		c.ServiceAccountKeyFile: pemBlock("PRIVATE KEY", saKeyDER),
		// token,user,uid: the viewer's rights come from the flotilla-viewer ClusterRole seeded in every cluster
		c.TokenFile: []byte(c.ViewerToken + ",flotilla-viewer,flotilla-viewer\n"),
	}
	for path, data := range files {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func signedPair(ca *x509.Certificate, caKey *ecdsa.PrivateKey, template *x509.Certificate) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	template.SerialNumber = serial()
	template.NotBefore = time.Now().Add(-time.Hour)
	template.NotAfter = time.Now().Add(10 * 365 * 24 * time.Hour)
	template.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
	der, err := x509.CreateCertificate(rand.Reader, template, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pemBlock("CERTIFICATE", der), pemBlock("EC PRIVATE KEY", keyDER), nil
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	return n
}

func pemBlock(kind string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der})
}

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
	// CAKeyFile lets the controller-manager's CSR signer issue client certificates this cluster trusts.
	CAKeyFile string
	// The front proxy (API aggregation): its own CA and the client certificate the apiserver proxies with.
	FrontProxyCAFile, FrontProxyClientCertFile, FrontProxyClientKeyFile string

	dir   string
	ca    *x509.Certificate
	caKey *ecdsa.PrivateKey
}

func writeClusterCredentials(dir, cluster string) (*clusterCredentials, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	ca, caKey, caDER, err := newCA("flotilla-lab-" + cluster + "-ca")
	if err != nil {
		return nil, err
	}

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
	frontCA, frontKey, frontCADER, err := newCA("flotilla-lab-" + cluster + "-front-proxy-ca")
	if err != nil {
		return nil, err
	}
	frontCert, frontCertKey, err := signedPair(frontCA, frontKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "front-proxy-client"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
	if err != nil {
		return nil, err
	}
	caKeyDER, err := x509.MarshalECPrivateKey(caKey)
	if err != nil {
		return nil, err
	}
	token := make([]byte, 24)
	if _, err := rand.Read(token); err != nil {
		return nil, err
	}

	c := &clusterCredentials{
		CAPEM:                    pemBlock("CERTIFICATE", caDER),
		AdminCertPEM:             adminCert,
		AdminKeyPEM:              adminKey,
		ViewerToken:              hex.EncodeToString(token),
		CAFile:                   filepath.Join(dir, "ca.crt"),
		ServingCertFile:          filepath.Join(dir, "serving.crt"),
		ServingKeyFile:           filepath.Join(dir, "serving.key"),
		ServiceAccountKeyFile:    filepath.Join(dir, "service-account.key"),
		TokenFile:                filepath.Join(dir, "tokens.csv"),
		CAKeyFile:                filepath.Join(dir, "ca.key"),
		FrontProxyCAFile:         filepath.Join(dir, "front-proxy-ca.crt"),
		FrontProxyClientCertFile: filepath.Join(dir, "front-proxy-client.crt"),
		FrontProxyClientKeyFile:  filepath.Join(dir, "front-proxy-client.key"),
		dir:                      dir,
		ca:                       ca,
		caKey:                    caKey,
	}
	files := map[string][]byte{
		c.CAFile:                c.CAPEM,
		c.ServingCertFile:       servingCert,
		c.ServingKeyFile:        servingKey,
		c.ServiceAccountKeyFile: pemBlock("PRIVATE KEY", saKeyDER),
		// token,user,uid: the viewer's rights come from the flotilla-viewer ClusterRole seeded in every cluster
		c.TokenFile:                []byte(c.ViewerToken + ",flotilla-viewer,flotilla-viewer\n"),
		c.CAKeyFile:                pemBlock("EC PRIVATE KEY", caKeyDER),
		c.FrontProxyCAFile:         pemBlock("CERTIFICATE", frontCADER),
		c.FrontProxyClientCertFile: frontCert,
		c.FrontProxyClientKeyFile:  frontCertKey,
	}
	for path, data := range files {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func newCA(commonName string) (*x509.Certificate, *ecdsa.PrivateKey, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, nil, err
	}
	template := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: commonName},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return nil, nil, nil, err
	}
	ca, err := x509.ParseCertificate(der)
	return ca, key, der, err
}

// servingPair writes a serving certificate for 127.0.0.1 and the given DNS names, signed by this cluster's
// CA, as DIR/<name>.crt and .key (the names cert-dir flags expect are the caller's business).
func (c *clusterCredentials) servingPair(certFile, keyFile, commonName string, dnsNames ...string) error {
	cert, key, err := signedPair(c.ca, c.caKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: commonName},
		DNSNames:    append([]string{"localhost"}, dnsNames...),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(certFile, cert, 0o600); err != nil {
		return err
	}
	return os.WriteFile(keyFile, key, 0o600)
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

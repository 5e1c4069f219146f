package ingest

import (
	"errors"
	"net/netip"
	"testing"
)

func TestRefusePrivate(t *testing.T) {
	for _, tc := range []struct {
		addr   string
		public bool
	}{
		{"127.0.0.1:80", false},
		{"10.1.2.3:443", false},
		{"172.16.0.1:80", false},
		{"192.168.1.1:80", false},
		{"169.254.169.254:80", false},
		{"100.64.0.1:80", false},
		{"0.0.0.0:80", false},
		{"[::1]:80", false},
		{"[fe80::1]:80", false},
		{"[fc00::1]:80", false},
		{"[::ffff:127.0.0.1]:80", false},
		{"224.0.0.1:80", false},
		{"8.8.8.8:80", true},
		{"[2606:4700::1111]:443", true},
		{"93.184.216.34:80", true},
	} {
		err := refusePrivate("tcp", tc.addr, nil)
		if (err == nil) != tc.public {
			t.Errorf("%s: err = %v, want public %v", tc.addr, err, tc.public)
		}
		if err != nil && !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("%s: %v does not wrap ErrPrivateAddress", tc.addr, err)
		}
	}
	if publicIP(netip.MustParseAddr("2002:7f00:1::1")) {
		t.Error("6to4 address embedding 127.0.0.1 counted public")
	}
}

// Package redistest starts a real redis-server for tests: on 127.0.0.1, on
// a free port, with its files in the test's temporary directory, stopped
// when the test ends. Tests skip, saying why, only when redis-server is not
// on the PATH (apt-get install -y redis-server; CI installs it).
package redistest

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Server is one redis-server process.
type Server struct {
	Addr string // 127.0.0.1:PORT
	dir  string
	port int
	conf string
	cmd  *exec.Cmd
	done chan struct{}
	t    testing.TB
}

// Options configure a server.
type Options struct {
	// AppendOnly turns on the append-only file (fsync every second), so
	// that the data survive a kill and restart.
	AppendOnly bool
}

// Config is the configuration a crawl needs (see crawl/store/redis): small
// hashes stay listpacks with URLs and validators in their values.
var Config = []string{
	"hash-max-listpack-value 1024",
	"hash-max-listpack-entries 1024",
}

// Start starts a server, or skips the test when redis-server is missing.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server is not on the PATH: apt-get install -y redis-server")
	}
	dir := t.TempDir()
	s := &Server{dir: dir, t: t}
	lines := append([]string{
		"bind 127.0.0.1",
		"protected-mode yes",
		"dir " + dir,
		"save \"\"",
		"daemonize no",
		"logfile " + filepath.Join(dir, "redis.log"),
	}, Config...)
	if opts.AppendOnly {
		lines = append(lines, "appendonly yes", "appendfsync everysec")
	}
	s.conf = strings.Join(lines, "\n") + "\n"
	for range 5 { // a port found free may be taken before the server binds it
		if s.port, err = freePort(); err != nil {
			t.Fatal(err)
		}
		if err = s.start(bin); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("redis-server: %v", err)
	}
	t.Cleanup(s.Stop)
	return s
}

// URL is the server's redis:// URL for database db.
func (s *Server) URL(db int) string { return fmt.Sprintf("redis://%s/%d", s.Addr, db) }

func (s *Server) start(bin string) error {
	conf := filepath.Join(s.dir, "redis.conf")
	body := s.conf + "port " + strconv.Itoa(s.port) + "\n"
	if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
		return err
	}
	s.Addr = "127.0.0.1:" + strconv.Itoa(s.port)
	s.cmd = exec.Command(bin, conf)
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		return err
	}
	s.done = make(chan struct{})
	go func(c *exec.Cmd, done chan struct{}) { c.Wait(); close(done) }(s.cmd, s.done)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return fmt.Errorf("exited at start: %s", s.logTail())
		default:
		}
		if ping(s.Addr) {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.Kill()
	return fmt.Errorf("not answering after 10 s: %s", s.logTail())
}

func ping(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return false
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	return err == nil && strings.HasPrefix(line, "+PONG")
}

func (s *Server) logTail() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "redis.log"))
	if len(b) > 600 {
		b = b[len(b)-600:]
	}
	return string(b)
}

// Kill stops the server with SIGKILL, as a crash would.
func (s *Server) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

// Restart starts the server again on the same port and files after Kill.
func (s *Server) Restart() {
	s.t.Helper()
	bin, _ := exec.LookPath("redis-server")
	if err := s.start(bin); err != nil {
		s.t.Fatalf("redis-server restart: %v", err)
	}
}

// Stop ends the server (SIGTERM, then SIGKILL).
func (s *Server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.cmd = nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

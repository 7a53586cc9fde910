package e2e

// A small WebDriver BiDi client for Firefox ESR: Firefox started headless
// with --remote-debugging-port speaks BiDi over a WebSocket, no geckodriver
// needed. Only the commands the tests use.

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"golang.org/x/net/websocket"
)

type bidiConn struct {
	ws      *websocket.Conn
	mu      sync.Mutex
	next    int
	pending map[int]chan bidiReply
	closed  chan struct{}
}

type bidiReply struct {
	Type    string          `json:"type"`
	ID      int             `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
}

func dialBiDi(url string) (*bidiConn, error) {
	// Firefox refuses WebSocket clients whose Origin is not allowed by the
	// pref remote.allowed-origins (set to this one in the profile).
	ws, err := websocket.Dial(url, "", "http://localhost")
	if err != nil {
		return nil, err
	}
	c := &bidiConn{ws: ws, pending: map[int]chan bidiReply{}, closed: make(chan struct{})}
	go c.read()
	return c, nil
}

func (c *bidiConn) read() {
	defer close(c.closed)
	for {
		var raw []byte
		if err := websocket.Message.Receive(c.ws, &raw); err != nil {
			return
		}
		var r bidiReply
		if json.Unmarshal(raw, &r) != nil || r.Type == "event" {
			continue
		}
		c.mu.Lock()
		ch := c.pending[r.ID]
		delete(c.pending, r.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- r
		}
	}
}

// call sends one command and decodes its result into out (if not nil).
func (c *bidiConn) call(method string, params any, out any) error {
	c.mu.Lock()
	c.next++
	id := c.next
	ch := make(chan bidiReply, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	msg, _ := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err := websocket.Message.Send(c.ws, string(msg)); err != nil {
		return err
	}
	select {
	case r := <-ch:
		if r.Type == "error" {
			return fmt.Errorf("%s: %s: %s", method, r.Error, r.Message)
		}
		if out != nil {
			return json.Unmarshal(r.Result, out)
		}
		return nil
	case <-c.closed:
		return fmt.Errorf("%s: connection closed", method)
	case <-time.After(60 * time.Second):
		return fmt.Errorf("%s: no answer", method)
	}
}

func (c *bidiConn) close() { c.ws.Close() }

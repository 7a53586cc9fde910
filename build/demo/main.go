// Command demo builds a demonstration extension and serves, on loopback,
// its pages — an official host, a lookalike, a suspicious host and an
// unknown one — and a list server (lists.vigie.test) with a signed bundle of
// the national list plus the public-sector list when ../shared/data has it.
// The demo extension trusts a throw-away key kept in OUT/demo. It prints the
// Chromium command line that maps those names to 127.0.0.1, and starts
// Chromium itself when a display is available.
//
//	go run ./build/demo -out dist
package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/chromedp/chromedp"
	"html"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

type page struct{ host, title, body string }

var pages = []page{
	{"www.ameli.fr", "ameli – page de démonstration (site officiel)",
		`<p>Ce site est sur la liste officielle : Vigie affiche « Site officiel » en bas à droite et une icône verte.</p>`},
	{"arneli.fr", "arneli.fr – faux site (démonstration)",
		`<p>« arneli » se lit comme « ameli » : Vigie remplace cette page par un avertissement.</p>
<form><label>Mot de passe <input type="password"></label> <button>Valider</button></form>`},
	{"caf.net", "caf.net – site douteux (démonstration)",
		`<p>Ce nom ressemble à caf.fr : Vigie affiche un bandeau de prudence.</p>`},
	{"www.boulangerie-dupont.fr", "Boulangerie Dupont (site inconnu)",
		`<p>Un site ordinaire : Vigie ne dit rien.</p>`},
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8787", "address to serve the demo pages on (loopback)")
	out := flag.String("out", "dist", "build folder")
	screens := flag.String("screens", "", "write a screenshot of each demo page to this folder (headless Chromium), then stop")
	flag.Parse()
	lists, extAbs, err := prepare(*out)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	profile, _ := os.MkdirTemp("", "vigie-demo-profile-")
	args := []string{
		"--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-features=HttpsUpgrades",
		"--load-extension=" + extAbs, "--disable-extensions-except=" + extAbs,
		fmt.Sprintf("--host-resolver-rules=MAP * 127.0.0.1:%d, EXCLUDE 127.0.0.1", port),
	}
	var urls []string
	for _, p := range pages {
		urls = append(urls, "http://"+p.host+"/")
	}
	rel, err := filepath.Rel(mustGetwd(), extAbs)
	if err != nil {
		rel = extAbs
	}
	fmt.Printf(`Vigie — démonstration
  Mode réduit : chargée ainsi (non empaquetée), l'extension n'a pas le
  blocage des requêtes ; un faux site peut s'afficher un instant avant
  l'alerte. Sur les postes, Vigie est installé par stratégie (docs/deploy.md).
  Extension à charger (chrome://extensions → « Charger l'extension non empaquetée ») :
    %s
  Pages de démonstration servies sur http://127.0.0.1:%d/ sous ces noms :
    %s
  Pour essayer, lancez Chromium ainsi :
    chromium %s \
      %s

`, rel, port, strings.Join(urls, "\n    "), strings.Join(quoted(args), " \\\n      "), strings.Join(urls, " "))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if host, _, _ := net.SplitHostPort(r.Host); host == "lists.vigie.test" || r.Host == "lists.vigie.test" {
			lists.ServeHTTP(w, r)
			return
		}
		serve(w, r)
	})
	if *screens != "" {
		go http.Serve(ln, handler)
		if err := screenshots(*screens, args, urls); err != nil {
			log.Fatal(err)
		}
		return
	}
	if os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		if bin, err := exec.LookPath("chromium"); err == nil {
			cmd := exec.Command(bin, append(args, urls...)...)
			if err := cmd.Start(); err == nil {
				fmt.Println("  Chromium est lancé. Ctrl-C pour arrêter.")
			}
		}
	} else {
		fmt.Println("  Pas d'écran détecté : lancez la commande ci-dessus sur un poste avec écran,")
		fmt.Println("  ou voyez les écrans en images : make run SCREENS=dist/demo/screens. Ctrl-C pour arrêter.")
	}
	log.Fatal(http.Serve(ln, handler))
}

// screenshots writes what each demo page looks like with Vigie, from a
// headless Chromium (the screens without a screen), in French. Each page
// is taken once Vigie has judged it (its hold page gone).
func screenshots(dir string, args, urls []string) error {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		return fmt.Errorf("chromium is needed for the screenshots: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(bin), chromedp.Flag("headless", "new"),
		chromedp.Flag("no-sandbox", true), chromedp.Flag("hide-scrollbars", true), chromedp.Flag("lang", "fr"),
		chromedp.Env("LANGUAGE=fr", "LANG=fr_FR.UTF-8"), chromedp.WindowSize(1280, 800)}
	for _, a := range args {
		k, v, ok := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if ok {
			opts = append(opts, chromedp.Flag(k, v))
		} else {
			opts = append(opts, chromedp.Flag(k, true))
		}
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	for _, u := range urls {
		chromedp.Do(ctx, chromedp.Navigate(u)) // Vigie may replace the page: not an error
		for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(300 * time.Millisecond) {
			if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil && !strings.Contains(loc, "/pages/hold.html") {
				break
			}
		}
		time.Sleep(time.Second) // the banner drawn
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			return fmt.Errorf("screenshot of %s: %v", u, err)
		}
		name := filepath.Join(dir, strings.TrimSuffix(strings.TrimPrefix(u, "http://"), "/")+".png")
		if err := os.WriteFile(name, png, 0o644); err != nil {
			return err
		}
		fmt.Println("  " + name)
	}
	return nil
}

func mustGetwd() string {
	wd, _ := os.Getwd()
	return wd
}

func serve(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	p := page{host, host, `<p>Page de démonstration.</p>`}
	for _, q := range pages {
		if q.host == host {
			p = q
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>%s</title></head>
<body style="font:20px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto"><h1>%s</h1>%s</body></html>`,
		html.EscapeString(p.title), html.EscapeString(p.title), p.body)
}

// quoted puts shell quotes around arguments that need them.
func quoted(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " *,") {
			a = "'" + a + "'"
		}
		out[i] = a
	}
	return out
}

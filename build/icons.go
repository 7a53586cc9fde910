package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

// Toolbar icons are drawn here rather than stored: four states, four sizes,
// one shape. A disc in the state's colour with a white sign.
type iconState struct {
	name  string
	color color.RGBA
	sign  func(x, y float64) bool // in the unit square
}

var iconStates = []iconState{
	{"official", color.RGBA{0x0d, 0x6b, 0x2f, 0xff}, check},
	{"lookalike", color.RGBA{0xc0, 0x18, 0x18, 0xff}, cross},
	{"suspicious", color.RGBA{0xb3, 0x47, 0x00, 0xff}, bang},
	{"unknown", color.RGBA{0x5f, 0x63, 0x68, 0xff}, dot},
}

func segDist(x, y, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := math.Max(0, math.Min(1, ((x-ax)*dx+(y-ay)*dy)/(dx*dx+dy*dy)))
	return math.Hypot(x-ax-t*dx, y-ay-t*dy)
}

func check(x, y float64) bool {
	return segDist(x, y, .28, .52, .44, .68) < .07 || segDist(x, y, .44, .68, .74, .34) < .07
}
func cross(x, y float64) bool {
	return segDist(x, y, .32, .32, .68, .68) < .07 || segDist(x, y, .68, .32, .32, .68) < .07
}
func bang(x, y float64) bool {
	return segDist(x, y, .5, .24, .5, .56) < .07 || math.Hypot(x-.5, y-.74) < .075
}
func dot(x, y float64) bool { return math.Hypot(x-.5, y-.5) < .14 }

func drawIcon(size int, s iconState) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	const ss = 4 // supersampling for smooth edges
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var disc, sign int
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+.5)/ss) / float64(size)
					if math.Hypot(x-.5, y-.5) <= .48 {
						disc++
						if s.sign(x, y) {
							sign++
						}
					}
				}
			}
			a := float64(disc) / (ss * ss)
			w := float64(sign) / math.Max(1, float64(disc))
			mix := func(c uint8) uint8 { return uint8(math.Round(float64(c)*(1-w) + 255*w)) }
			img.SetRGBA(px, py, color.RGBA{
				uint8(math.Round(float64(mix(s.color.R)) * a)), uint8(math.Round(float64(mix(s.color.G)) * a)),
				uint8(math.Round(float64(mix(s.color.B)) * a)), uint8(math.Round(255 * a)),
			})
		}
	}
	return img
}

func writeIcons(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range iconStates {
		for _, size := range []int{16, 32, 48, 128} {
			var buf bytes.Buffer
			enc := png.Encoder{CompressionLevel: png.BestCompression}
			if err := enc.Encode(&buf, drawIcon(size, s)); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", s.name, size)), buf.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

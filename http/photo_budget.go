package http

import (
	"bytes"
	"context"
	"image"
	"sync"

	"github.com/autoleads/autoleads/tenants/photo"
)

// photoBudgetPixels bounds the pixels of the photos processed at once, so
// that memory, not the number of uploads, decides how many run together:
// processing takes about 4.5 bytes a pixel (a phone's 12-megapixel photo
// about 55 MB). With this budget a phone photo is processed alone and two
// or three smaller ones together; a burst of uploads queues, and the
// server stays under 150 MB with four phone photos arriving at once
// (bench/run.sh, case upload).
const photoBudgetPixels = 16_000_000

// photoBudget admits photos to processing by their pixels, read from the
// header. Tokens are megapixels; one photo at a time takes its tokens, so
// no two wait each holding part of what the other needs.
var photoBudget = pixelBudget{tokens: make(chan struct{}, photoBudgetPixels/1_000_000)}

type pixelBudget struct {
	admit  sync.Mutex
	tokens chan struct{}
}

// acquire waits until the photo data fits in the budget and returns the
// release of what it took. A photo larger than the whole budget waits for
// all of it; one whose header is unreadable or over photo's limits takes
// one token, as processing refuses it before decoding.
func (b *pixelBudget) acquire(ctx context.Context, data []byte) (func(), error) {
	n := 1
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		if px := cfg.Width * cfg.Height; px <= photo.MaxPixels {
			n = min(max(1, (px+999_999)/1_000_000), cap(b.tokens))
		}
	}
	b.admit.Lock()
	defer b.admit.Unlock()
	release := func(taken int) func() {
		return func() {
			for range taken {
				<-b.tokens
			}
		}
	}
	for i := range n {
		select {
		case b.tokens <- struct{}{}:
		case <-ctx.Done():
			release(i)()
			return nil, ctx.Err()
		}
	}
	return release(n), nil
}

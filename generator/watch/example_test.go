package watch_test

import (
	"log"

	"linewatch/generator/watch"
)

// A serve loop: one rebuild per batch. While a rebuild runs, the watcher
// folds new saves into the next batch, so the loop never falls behind.
func Example() {
	w, err := watch.New(".") // before the first build, so no save is missed
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	// build()
	errs := w.Errors()
	for {
		select {
		case paths, ok := <-w.Batches():
			if !ok {
				return // closed
			}
			log.Printf("changed: %q", paths) // rebuild(paths)
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			log.Print(err)
		}
	}
}

package generator

// started runs f on a goroutine of its own and returns a function that
// waits for what f returned, as often as it is called: a build starts the
// slow steps that need nothing from each other (reading the saved stamp,
// the prior build's pages, compiling the layouts, locking the output) and
// takes their results where it needs them.
func started[T any](f func() (T, error)) func() (T, error) {
	done := make(chan struct{})
	var v T
	var err error
	go func() {
		defer close(done)
		v, err = f()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}

//go:build unix

package mrr

import (
	"syscall"
	"time"
)

// cpuTime returns the process's CPU time (user and system): unlike the wall
// clock, other processes on a loaded machine do not inflate it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

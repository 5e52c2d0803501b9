// A stand-in for a running kubelet in live-host tests: an executable named `kubelet` (so its
// /proc/<pid>/comm reads "kubelet") that ignores its arguments and waits to be killed.
#include <unistd.h>

int main() {
    while (true) ::pause();
}

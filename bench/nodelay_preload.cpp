// LD_PRELOAD shim for halo-sim in the benchmark only: sets TCP_NODELAY on every accepted socket.
// cpp-httplib leaves Nagle on, so on a keep-alive connection each response's body waits for the
// client's delayed ACK of its headers (~40 ms on Linux loopback). Real Halo does not do that, and
// the benchmark measures the server, not the simulator's socket options. (The lasting fix is
// `set_tcp_nodelay(true)` in src/sim/server.cpp; this shim becomes a no-op then.)
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace {
void no_delay(int fd) {
  if (fd < 0) return;
  int on = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);  // fails harmlessly on non-TCP sockets
}
}  // namespace

extern "C" int accept(int fd, sockaddr* addr, socklen_t* len) {
  using Fn = int (*)(int, sockaddr*, socklen_t*);
  static Fn real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "accept"));
  int client = real(fd, addr, len);
  no_delay(client);
  return client;
}

extern "C" int accept4(int fd, sockaddr* addr, socklen_t* len, int flags) {
  using Fn = int (*)(int, sockaddr*, socklen_t*, int);
  static Fn real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "accept4"));
  int client = real(fd, addr, len, flags);
  no_delay(client);
  return client;
}

// A stand-in named libcurl.so.4 that exports none of libcurl's functions. Put first on
// LD_LIBRARY_PATH, it shows what the server does when the libcurl it finds cannot be used.
extern "C" int halo_fake_libcurl_marker() { return 4; }

// A stand-in named libcairo.so.2 that exports none of cairo's functions. Put first on
// LD_LIBRARY_PATH, it shows what a chart does when the cairo the server finds cannot be used.
extern "C" int halo_fake_libcairo_marker() { return 2; }

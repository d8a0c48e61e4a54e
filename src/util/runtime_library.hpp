// A shared library opened at run time (dlopen) instead of linked, and its functions looked up.
// Why: what a start never needs (libcurl and its TLS, Kerberos and LDAP tree; cairo and its fonts;
// libcrypto; hiredis) is then never loaded or relocated, and a machine without it still serves
// everything else. Opening or looking up fails with an error naming the library, the reason and
// the Debian package to install; never a crash.
#pragma once
#include <string>

#include "util/result.hpp"

namespace util {

/// A kConfig error about a library: "<soname> could not be loaded: <why>; <what_to_do>" (default:
/// "install <package>"), with a hint naming the package.
[[nodiscard]] Error library_error(const char* soname, const char* package, const std::string& why,
                                  const std::string& what_to_do = {});

class RuntimeLibrary {
 public:
  /// Opens `soname` for the rest of the process. `package`: the Debian package that has it.
  [[nodiscard]] static Result<RuntimeLibrary> open(const char* soname, const char* package);

  /// Looks `name` up into `slot` (a function pointer). Once a name is missing, the rest are skipped
  /// and done() reports the first.
  template <class Function>
  RuntimeLibrary& resolve(const char* name, Function& slot) {
    // POSIX guarantees a function's address survives the trip through void*.
    if (missing_.empty()) slot = reinterpret_cast<Function>(look_up(name));
    return *this;
  }

  /// Every name resolved: the library stays open. Otherwise it is closed and the error names the
  /// first function it lacks.
  [[nodiscard]] Result<void> done();

  /// library_error() about this library.
  [[nodiscard]] Error error(const std::string& why, const std::string& what_to_do = {}) const {
    return library_error(soname_, package_, why, what_to_do);
  }

  /// Closes the library (after a check the caller made on it failed).
  void close();

 private:
  RuntimeLibrary(void* handle, const char* soname, const char* package)
      : handle_(handle), soname_(soname), package_(package) {}
  void* look_up(const char* name);

  void* handle_;
  const char* soname_;
  const char* package_;
  std::string missing_;  ///< the first name not found
};

}  // namespace util

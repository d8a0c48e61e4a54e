#include "app/access_command.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <vector>

#include "app/access_file.hpp"
#include "app/sha256.hpp"
#include "tools/toolsets.hpp"
#include "util/base64.hpp"

namespace app {
namespace {

constexpr int kOk = 0, kFileError = 1, kUsage = 2;

/// The list in the file, or an empty list when the file does not exist yet.
util::Result<AccessList> read_list(const std::string& path) {
  auto list = read_access_file(path);
  if (!list) return util::fail(util::ErrorKind::kConfig, path + ": " + list.error().message);
  return list->value_or(AccessList{});
}

/// Writes `list` to a temporary file beside `path` and renames it over `path`.
util::Result<void> write_list(const std::string& path, const AccessList& list) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  const std::string text = render_access_list(list);
  std::FILE* out = nullptr;
  if (const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600); fd >= 0) {
    out = ::fdopen(fd, "w");
  }
  bool written = out != nullptr && std::fwrite(text.data(), 1, text.size(), out) == text.size() &&
                 std::fflush(out) == 0 && ::fsync(::fileno(out)) == 0;
  const std::string why = std::strerror(errno);
  if (out != nullptr) written = std::fclose(out) == 0 && written;
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return util::fail(util::ErrorKind::kConfig, "cannot write " + path + ": " + why);
  }
  return {};
}

/// 32 random bytes from the kernel, base64url: 43 characters, 256 bits.
util::Result<std::string> fresh_token() {
  std::string bytes(32, '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::fail(util::ErrorKind::kInternal, std::string("getrandom: ") + std::strerror(errno));
    got += static_cast<std::size_t>(n);
  }
  return "hpm_" + util::base64url_encode(bytes);
}

/// Says what went wrong, prefixed with the command, and returns `status`.
int complain(const AccessCommand& command, const std::string& message, int status) {
  std::cerr << "halo-psa-mcp access " << command.action << ": " << message << '\n';
  return status;
}

int add(const AccessCommand& command) {
  if (!valid_person_name(command.name)) {
    return complain(command, "NAME must be 1-64 characters of A-Z a-z 0-9 . _ @ -", kUsage);
  }
  AccessEntry entry;
  entry.name = command.name;
  if (auto read = read_toolsets(tools::split_list(command.toolsets), "--toolsets", entry); !read) {
    return complain(command, read.error().message, kUsage);
  }
  auto list = read_list(command.file);
  if (!list) {
    return complain(command, list.error().message, kFileError);
  }
  for (const auto& person : list->people) {
    if (person.name == entry.name) {
      return complain(command, "'" + entry.name + "' is already in " + command.file + " (`access remove " +
                                   entry.name + "` first to issue a new token)", kUsage);
    }
  }
  auto token = fresh_token();
  auto hash = token ? sha256_hex(*token) : util::Result<std::string>(util::Unexpected(token.error()));
  if (!hash) {
    return complain(command, hash.error().message, kFileError);
  }
  entry.token_sha256 = *hash;
  list->people.push_back(std::move(entry));
  if (auto written = write_list(command.file, *list); !written) {
    return complain(command, written.error().message, kFileError);
  }
  std::cerr << "Added '" << command.name << "' to " << command.file
            << ". Their bearer token is below: it is shown only now (the file keeps its SHA-256).\n";
  std::cout << *token << '\n';
  return kOk;
}

int remove(const AccessCommand& command) {
  auto list = read_list(command.file);
  if (!list) {
    return complain(command, list.error().message, kFileError);
  }
  const auto before = list->people.size();
  std::erase_if(list->people, [&](const AccessEntry& e) { return e.name == command.name; });
  if (list->people.size() == before) {
    return complain(command, "nobody named '" + command.name + "' in " + command.file, kUsage);
  }
  if (auto written = write_list(command.file, *list); !written) {
    return complain(command, written.error().message, kFileError);
  }
  std::cerr << "Removed '" << command.name << "': their token no longer works (a running server rereads the file).\n";
  return kOk;
}

int list(const AccessCommand& command) {
  auto people = read_list(command.file);
  if (!people) {
    return complain(command, people.error().message, kFileError);
  }
  for (const auto& person : people->people) {
    std::string toolsets;
    if (person.all_toolsets) toolsets = "all";
    for (tools::Toolset t : person.toolsets) toolsets += (toolsets.empty() ? "" : ",") + std::string(tools::toolset_name(t));
    std::cout << person.name << '\t' << toolsets << '\n';
  }
  return kOk;
}

}  // namespace

int run_access_command(const AccessCommand& command) {
  if (command.file.empty()) {
    std::cerr << "halo-psa-mcp access: name the access file with --file or HALO_MCP_ACCESS_FILE\n";
    return kUsage;
  }
  if (command.action == "add") return add(command);
  if (command.action == "remove") return remove(command);
  if (command.action == "list") return list(command);
  std::cerr << "halo-psa-mcp access: unknown action '" << command.action << "' (add, remove, list)\n";
  return kUsage;
}

}  // namespace app

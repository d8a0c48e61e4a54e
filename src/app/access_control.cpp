#include "app/access_control.hpp"

#include <sys/stat.h>

#include <set>

#include "app/access_file.hpp"
#include "app/sha256.hpp"
#include "tools/registry.hpp"
#include "util/constant_time.hpp"
#include "util/log.hpp"

namespace app {
namespace {

/// How often a request may look at the file's modification time.
constexpr std::chrono::seconds kCheckInterval{1};

/// The tools one entry may use: those the deployment offers, in the entry's toolsets.
mcp::Caller caller_for(const AccessEntry& entry, const tools::ToolSelection& offered) {
  auto names = std::make_shared<std::set<std::string, std::less<>>>();
  for (const tools::ToolDef* def : tools::all_tools()) {
    if (offered.offers(*def) && (entry.all_toolsets || entry.toolsets.contains(def->toolset))) {
      names->emplace(def->name);
    }
  }
  return mcp::Caller{entry.name, std::move(names)};
}

}  // namespace

AccessControl::AccessControl(std::string path, tools::ToolSelection offered, std::string shared_token)
    : path_(std::move(path)), offered_(std::move(offered)), shared_token_(std::move(shared_token)) {}

util::Result<std::unique_ptr<AccessControl>> AccessControl::open(std::string path, tools::ToolSelection offered,
                                                                 std::string shared_token) {
  std::unique_ptr<AccessControl> access(new AccessControl(std::move(path), std::move(offered), std::move(shared_token)));
  if (auto loaded = access->refresh(true); !loaded) return util::Unexpected(loaded.error());
  util::log::info("access: {} people from {}", access->people(), access->path_);
  return access;
}

util::Result<void> AccessControl::refresh(bool force) {
  auto fail = [&](const std::string& why) {
    return util::fail(util::ErrorKind::kConfig, "HALO_MCP_ACCESS_FILE " + path_ + ": " + why);
  };
  struct stat info {};
  Stamp stamp;
  if (::stat(path_.c_str(), &info) == 0) {
    stamp = Stamp{static_cast<long long>(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec,
                  static_cast<long long>(info.st_size), static_cast<long long>(info.st_ino)};
  }
  if (!force && stamp == stamp_) return {};
  stamp_ = stamp;
  if (stamp.size < 0) return fail("cannot be read");
  auto list = read_access_file(path_);
  if (!list) return fail(list.error().message);
  if (!*list) return fail("cannot be read");  // gone between the stat and the read
  std::vector<Person> people;
  for (const auto& entry : (*list)->people) people.push_back(Person{entry.token_sha256, caller_for(entry, offered_)});
  people_ = std::move(people);
  return {};
}

void AccessControl::reload() {
  std::lock_guard lock(mutex_);
  last_check_ = std::chrono::steady_clock::now();
  if (auto loaded = refresh(true); !loaded) {
    util::log::error("access: {}; the previous list stays in force", loaded.error().message);
  } else {
    util::log::info("access: {} people from {} (reloaded)", people_.size(), path_);
  }
}

std::optional<mcp::Caller> AccessControl::authenticate(std::string_view token) {
  auto hash = sha256_hex(token);
  if (!hash) {
    util::log::error("access: {}", hash.error().message);
    return std::nullopt;
  }
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (now - last_check_ >= kCheckInterval) {
    last_check_ = now;
    const std::size_t before = people_.size();
    const Stamp seen = stamp_;
    if (auto loaded = refresh(false); !loaded) {
      util::log::error("access: {}; the previous list stays in force", loaded.error().message);
    } else if (!(seen == stamp_)) {
      util::log::info("access: {} people from {} (was {}; the file changed)", people_.size(), path_, before);
    }
  }
  const Person* match = nullptr;
  for (const Person& person : people_) {
    if (util::equal_in_constant_time(*hash, person.token_sha256) && match == nullptr) match = &person;
  }
  if (match != nullptr) return match->caller;
  if (!shared_token_.empty() && util::equal_in_constant_time(token, shared_token_)) return mcp::Caller{"http-token", nullptr};
  return std::nullopt;
}

std::size_t AccessControl::people() const {
  std::lock_guard lock(mutex_);
  return people_.size();
}

}  // namespace app

#include "util/result.hpp"

namespace util {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kNetwork: return "network";
    case ErrorKind::kTimeout: return "timeout";
    case ErrorKind::kCancelled: return "cancelled";
    case ErrorKind::kAuth: return "auth";
    case ErrorKind::kPermission: return "permission";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kRateLimited: return "rate_limited";
    case ErrorKind::kUpstream: return "upstream";
    case ErrorKind::kBadInput: return "bad_input";
    case ErrorKind::kConfig: return "config";
    case ErrorKind::kInternal: return "internal";
  }
  return "internal";
}

std::string describe(const Error& error) {
  std::string out = error.message;
  if (error.http_status != 0 || !error.endpoint.empty()) {
    out += " (";
    if (error.http_status != 0) out += "HTTP " + std::to_string(error.http_status);
    if (error.http_status != 0 && !error.endpoint.empty()) out += " from ";
    out += error.endpoint;
    out += ")";
  }
  if (!error.upstream_message.empty()) out += ". Halo said: " + error.upstream_message;
  if (!out.empty() && out.back() != '.') out += '.';
  if (!error.hint.empty()) out += " " + error.hint;
  return out;
}

}  // namespace util

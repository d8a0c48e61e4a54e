// A minimal HTTP/1.1 client on a raw loopback socket for the HTTP transport tests (they need to
// close connections mid-stream and to read a stream piece by piece), plus SSE parsing helpers.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/json.hpp"

namespace mcp_test {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string body;                            ///< de-chunked
};

class RawClient {
 public:
  /// Connects to 127.0.0.1:port; a read gives up after `receive_timeout` of silence.
  explicit RawClient(std::uint16_t port, std::chrono::seconds receive_timeout = std::chrono::seconds(5));
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  void close();
  bool connected() const { return connected_; }
  void send_raw(const std::string& data);
  /// Reads until `needle` shows up in the raw bytes (or timeout/EOF). Returns everything read.
  std::string read_until(const std::string& needle);
  /// Reads one whole response (Content-Length or chunked up to the last chunk).
  HttpReply read_reply();

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string raw_;
};

/// A POST of `body` to /mcp with the given extra headers.
std::string post_text(const std::string& body, const std::map<std::string, std::string>& headers,
                      std::string accept = "application/json, text/event-stream");

/// A GET of /mcp with the given extra headers.
std::string get_text(const std::map<std::string, std::string>& headers);

struct SseEvent {
  std::optional<std::string> id;
  std::optional<std::string> retry;
  std::string event;
  std::string data;
};

/// The events of an SSE body (comment lines skipped).
std::vector<SseEvent> parse_sse(const std::string& body);

/// The JSON-RPC message that ends a reply: the body of a JSON reply, or the last event with
/// data of an SSE reply. Null when there is none.
util::Json final_message(const HttpReply& reply);

}  // namespace mcp_test

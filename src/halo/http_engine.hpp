// The HTTP engine: one libcurl multi handle driven by a dedicated thread. Callers on any thread
// submit a request and block on their own transfer only; cancellation and deadlines abort the
// transfer promptly (the loop thread removes it from the multi handle). Connections are kept
// alive and shared between transfers; HTTP/2 is used when the server offers it. libcurl itself is
// loaded on the first transfer (curl_library.hpp), so a process that never calls Halo never maps it.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "util/cancel.hpp"
#include "util/result.hpp"

namespace halo {

struct HttpRequest {
  std::string method = "GET";  ///< GET or POST
  std::string url;
  std::vector<std::string> headers;  ///< "Name: value"
  std::string body;                  ///< POST body
  std::chrono::milliseconds timeout{30'000};
  std::chrono::milliseconds connect_timeout{10'000};
};

/// Why a transfer produced no HTTP response.
enum class TransportError { kNone, kConnect, kTimeout, kRecv, kSend, kResolve, kTls, kOther };

struct HttpResponse {
  long status = 0;  ///< 0 when no response arrived
  std::string body;
  std::string content_type;
  long retry_after_seconds = -1;  ///< from Retry-After (seconds or date), -1 when absent
  TransportError transport = TransportError::kNone;
  std::string transport_message;  ///< libcurl's description of a transport failure
  std::chrono::milliseconds elapsed{0};
  /// The HTTP version libcurl used (CURL_HTTP_VERSION_1_1 = 2, CURL_HTTP_VERSION_2_0 = 3), 0 when
  /// no response arrived; and whether the transfer rode a connection that was already open.
  long http_version = 0;
  bool reused_connection = false;
};

/// kEngineUnavailable: libcurl could not be loaded, so nothing can be sent by this process.
enum class TransferEnding { kFinished, kCancelled, kDeadline, kEngineUnavailable };

struct HttpOutcome {
  TransferEnding ending = TransferEnding::kFinished;
  HttpResponse response;
  /// False when the transfer never started (cancelled, past its deadline on arrival, or no
  /// libcurl): nothing went on the wire.
  bool started = true;
  /// When ending is kEngineUnavailable: the kConfig error saying why libcurl could not be loaded
  /// and what to install. The response then also reads as a transport failure (status 0,
  /// TransportError::kOther, the same text), so a caller that ignores this still fails cleanly
  /// and does not retry.
  util::Error engine_error;
};

/// Overwrites a string that held a secret (in a way the compiler cannot drop as a dead store),
/// then empties it.
void wipe_secret(std::string& text);

class HttpEngine {
 public:
  /// `max_host_connections` bounds the connections libcurl opens to one host. `ca_file`
  /// (HALO_CA_FILE), when not empty, is a PEM bundle trusted for server certificates.
  explicit HttpEngine(int max_host_connections, std::string ca_file = {});
  ~HttpEngine();
  HttpEngine(const HttpEngine&) = delete;
  HttpEngine& operator=(const HttpEngine&) = delete;

  /// Runs one transfer and waits for it, for `cancel`, or for `deadline`, whichever comes first.
  HttpOutcome perform(const HttpRequest& request, const util::CancellationToken& cancel,
                      std::chrono::steady_clock::time_point deadline);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace halo

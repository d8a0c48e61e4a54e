// The libcurl multi loop: submissions and aborts arrive through a mutex-protected queue plus
// curl_multi_wakeup; completions wake the submitting thread through the transfer's own
// condition variable. Only the loop thread touches the multi handle. Every libcurl call goes
// through the table of the library loaded on the first transfer (curl_library.hpp).
#include "halo/http_engine.hpp"

#include <string.h>  // explicit_bzero

#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "halo/curl_handles.hpp"
#include "halo/curl_library.hpp"

namespace halo {
namespace {

using Clock = std::chrono::steady_clock;

/// The state of one transfer, shared by the submitting thread and the loop thread.
struct Transfer {
  CurlEasy easy;
  CurlSlist headers;
  std::string post_body;
  HttpResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {};
  Clock::time_point started;

  std::mutex mutex;
  std::condition_variable changed;
  bool done = false;
  bool cancel_seen = false;
};

size_t append_body(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  body->append(data, size * count);
  return size * count;
}

TransportError classify(CURLcode code) {
  switch (code) {
    case CURLE_OK: return TransportError::kNone;
    case CURLE_COULDNT_CONNECT: return TransportError::kConnect;
    case CURLE_OPERATION_TIMEDOUT: return TransportError::kTimeout;
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return TransportError::kRecv;
    case CURLE_SEND_ERROR: return TransportError::kSend;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return TransportError::kResolve;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE: return TransportError::kTls;
    default: return TransportError::kOther;
  }
}

void complete(Transfer& transfer) {
  std::lock_guard lock(transfer.mutex);
  transfer.done = true;
  transfer.changed.notify_all();
}

}  // namespace

struct HttpEngine::Impl {
  enum class CommandKind { kAdd, kAbort };
  struct Command {
    CommandKind kind;
    std::shared_ptr<Transfer> transfer;
  };

  int max_host_connections = 0;
  std::string ca_file;
  std::once_flag started;
  const CurlApi* curl = nullptr;  // set by start() when libcurl loaded; read after `started`
  util::Error load_error;         // why it did not, otherwise
  CurlMulti multi;
  std::mutex queue_mutex;
  std::vector<Command> queue;
  bool stopping = false;
  std::unordered_map<CURL*, std::shared_ptr<Transfer>> active;  // loop thread only
  std::thread loop;

  void start();

  void submit(CommandKind kind, std::shared_ptr<Transfer> transfer) {
    {
      std::lock_guard lock(queue_mutex);
      queue.push_back({kind, std::move(transfer)});
    }
    curl->multi_wakeup(multi.get());
  }

  void run() {
    for (;;) {
      std::vector<Command> commands;
      bool stop = false;
      {
        std::lock_guard lock(queue_mutex);
        commands.swap(queue);
        stop = stopping;
      }
      for (auto& command : commands) apply(command);
      if (stop) break;

      int running = 0;
      curl->multi_perform(multi.get(), &running);
      collect_finished();
      // Nothing running: curl_multi_poll would sleep its whole timeout, which is what we want
      // here (a wakeup ends it); with transfers running, curl shortens it to its own timers.
      curl->multi_poll(multi.get(), nullptr, 0, running > 0 ? 100 : 1000, nullptr);
    }
    for (auto& [easy, transfer] : active) {
      curl->multi_remove_handle(multi.get(), easy);
      transfer->response.transport = TransportError::kOther;
      transfer->response.transport_message = "the HTTP engine is shutting down";
      complete(*transfer);
    }
    active.clear();
  }

  void apply(Command& command) {
    CURL* easy = command.transfer->easy.get();
    if (command.kind == CommandKind::kAdd) {
      if (curl->multi_add_handle(multi.get(), easy) != CURLM_OK) {
        command.transfer->response.transport = TransportError::kOther;
        command.transfer->response.transport_message = "libcurl refused the transfer";
        complete(*command.transfer);
        return;
      }
      active.emplace(easy, std::move(command.transfer));
      return;
    }
    // Abort: if it already finished there is nothing to do; completion has been signalled.
    if (auto it = active.find(easy); it != active.end()) {
      curl->multi_remove_handle(multi.get(), easy);
      auto transfer = std::move(it->second);
      active.erase(it);
      complete(*transfer);
    }
  }

  void collect_finished() {
    int remaining = 0;
    while (CURLMsg* message = curl->multi_info_read(multi.get(), &remaining)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      auto it = active.find(easy);
      curl->multi_remove_handle(multi.get(), easy);
      if (it == active.end()) continue;
      auto transfer = std::move(it->second);
      active.erase(it);
      fill_response(*transfer, code);
      complete(*transfer);
    }
  }

  void fill_response(Transfer& transfer, CURLcode code) const {
    auto& response = transfer.response;
    CURL* easy = transfer.easy.get();
    response.transport = classify(code);
    if (code != CURLE_OK) {
      response.transport_message =
          transfer.error_buffer[0] != '\0' ? transfer.error_buffer : curl->easy_strerror(code);
      response.status = 0;
    } else {
      curl->easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
      const char* content_type = nullptr;
      if (curl->easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK &&
          content_type != nullptr) {
        response.content_type = content_type;
      }
      curl_off_t retry_after = -1;
      if (curl->easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK &&
          retry_after > 0) {
        response.retry_after_seconds = static_cast<long>(retry_after);
      }
      long version = 0;
      if (curl->easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version) == CURLE_OK) response.http_version = version;
      long new_connections = 0;
      if (curl->easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &new_connections) == CURLE_OK) {
        response.reused_connection = new_connections == 0;
      }
    }
    response.elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - transfer.started);
  }
};

void wipe_secret(std::string& text) {
  if (!text.empty()) explicit_bzero(text.data(), text.size());
  text.clear();
}

HttpEngine::HttpEngine(int max_host_connections, std::string ca_file) : impl_(std::make_unique<Impl>()) {
  impl_->max_host_connections = max_host_connections;
  impl_->ca_file = std::move(ca_file);
}

// Started on the first transfer, not at construction: loading libcurl maps some thirty shared
// libraries and its global init initialises OpenSSL (together about 15 ms and 3 MB of touched
// pages), which a server that has only answered initialize and tools/list does not need yet.
void HttpEngine::Impl::start() {
  const auto& api = curl_api();
  if (!api) {
    load_error = api.error();
    return;
  }
  curl = *api;
  multi = make_multi(*curl);
  curl->multi_setopt(multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(max_host_connections));
  curl->multi_setopt(multi.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  loop = std::thread([this] { run(); });
}

HttpEngine::~HttpEngine() {
  if (!impl_->loop.joinable()) return;  // never started
  {
    std::lock_guard lock(impl_->queue_mutex);
    impl_->stopping = true;
  }
  impl_->curl->multi_wakeup(impl_->multi.get());
  impl_->loop.join();
}

HttpOutcome HttpEngine::perform(const HttpRequest& request, const util::CancellationToken& cancel,
                                Clock::time_point deadline) {
  HttpOutcome outcome;
  if (cancel.cancelled()) {
    outcome.ending = TransferEnding::kCancelled;
    outcome.started = false;
    return outcome;
  }
  if (Clock::now() >= deadline) {
    outcome.ending = TransferEnding::kDeadline;
    outcome.started = false;
    return outcome;
  }

  std::call_once(impl_->started, [this] { impl_->start(); });
  const CurlApi* curl = impl_->curl;
  if (curl == nullptr) {
    outcome.ending = TransferEnding::kEngineUnavailable;
    outcome.started = false;
    outcome.engine_error = impl_->load_error;
    outcome.response.transport = TransportError::kOther;
    outcome.response.transport_message = impl_->load_error.message;
    return outcome;
  }
  auto transfer = std::make_shared<Transfer>();
  transfer->easy = make_easy(*curl);
  CURL* easy = transfer->easy.get();
  if (easy == nullptr) {
    outcome.started = false;
    outcome.response.transport = TransportError::kOther;
    outcome.response.transport_message = "libcurl could not create a transfer (out of memory)";
    return outcome;
  }
  transfer->response.body.reserve(16 * 1024);
  curl->easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl->easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl->easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl->easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl->easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl->easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
  curl->easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl->easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  // HALO_CA_FILE replaces libcurl's CA bundle only: verification stays on, and the system's
  // hashed CA directory (libcurl's built-in CApath, /etc/ssl/certs on Debian) is still trusted.
  if (!impl_->ca_file.empty()) curl->easy_setopt(easy, CURLOPT_CAINFO, impl_->ca_file.c_str());
  // A redirect (often to a login page) must surface as an error, and must never carry the
  // Authorization header to another host.
  curl->easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl->easy_setopt(easy, CURLOPT_USERAGENT, "halo-psa-mcp/0.1");
  curl->easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
  curl->easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl->easy_setopt(easy, CURLOPT_WRITEFUNCTION, &append_body);
  curl->easy_setopt(easy, CURLOPT_WRITEDATA, &transfer->response.body);
  curl->easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error_buffer);
  transfer->headers = make_header_list(*curl, request.headers);
  curl->easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->headers.get());
  if (request.method == "POST") {
    transfer->post_body = request.body;
    curl->easy_setopt(easy, CURLOPT_POSTFIELDS, transfer->post_body.c_str());
    curl->easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(transfer->post_body.size()));
  } else {
    curl->easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  }
  transfer->started = Clock::now();
  impl_->submit(Impl::CommandKind::kAdd, transfer);

  // The callback owns a reference: CancellationState may run it just after we unregister.
  util::CancelRegistration on_cancel(cancel, [transfer] {
    std::lock_guard lock(transfer->mutex);
    transfer->cancel_seen = true;
    transfer->changed.notify_all();
  });

  std::unique_lock lock(transfer->mutex);
  bool abort_requested = false;
  while (!transfer->done) {
    if (!abort_requested && (transfer->cancel_seen || Clock::now() >= deadline)) {
      outcome.ending = transfer->cancel_seen ? TransferEnding::kCancelled : TransferEnding::kDeadline;
      abort_requested = true;
      lock.unlock();
      impl_->submit(Impl::CommandKind::kAbort, transfer);
      lock.lock();
      continue;
    }
    if (abort_requested) {
      transfer->changed.wait(lock);
    } else {
      transfer->changed.wait_until(lock, deadline);
    }
  }
  if (!abort_requested) outcome.ending = TransferEnding::kFinished;
  // The loop thread is done with the transfer: the form body (the client secret) goes now, not
  // whenever the last reference to the transfer happens to drop.
  wipe_secret(transfer->post_body);
  outcome.response = std::move(transfer->response);
  return outcome;
}

}  // namespace halo

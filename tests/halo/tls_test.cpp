// HTTPS against loopback servers whose self-signed certificate is made at test time (openssl
// CLI): verification is on (an untrusted certificate is a clear, unretried error), HALO_CA_FILE
// makes it trusted, and over HTTP/2 (nghttpd, Debian nghttp2-server) the engine negotiates h2 and
// reuses the connection. Skips, saying why, when a tool it needs is not installed.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "fake_server.hpp"
#include "halo/client.hpp"
#include "halo/http_engine.hpp"
#include "support/loopback.hpp"
#include "support/process.hpp"

namespace {

using namespace halo_test;

const char kOpenssl[] = "/usr/bin/openssl";
const char kNghttpd[] = "/usr/sbin/nghttpd";
const char kTickets[] = R"({"record_count":1,"tickets":[{"id":7}]})";

/// A fresh key and self-signed certificate for 127.0.0.1 (subjectAltName IP), in a temp dir.
struct SelfSigned {
  SelfSigned() {
    dir = std::filesystem::temp_directory_path() / ("halo-tls-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    cert = (dir / "cert.pem").string();
    key = (dir / "key.pem").string();
    auto r = testsupport::run({kOpenssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                               "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                               "-addext", "subjectAltName=IP:127.0.0.1"},
                              {}, "", std::chrono::seconds(20));
    ok = r.status == 0 && std::filesystem::exists(cert);
    error = r.err;
  }
  ~SelfSigned() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::filesystem::path dir;
  std::string cert, key, error;
  bool ok = false;
};

/// cpp-httplib's TLS server (HTTP/1.1) with a token endpoint and /api/Tickets.
struct TlsHalo {
  explicit TlsHalo(const SelfSigned& certs) : server(certs.cert.c_str(), certs.key.c_str()) {
    server.Post("/auth/token", [this](const httplib::Request&, httplib::Response& res) {
      ++token_hits;
      res.set_content(R"({"access_token":"tok-tls","token_type":"Bearer","expires_in":3600})", "application/json");
    });
    server.Get("/api/Tickets", [this](const httplib::Request&, httplib::Response& res) {
      ++api_hits;
      res.set_content(kTickets, "application/json");
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
    for (int i = 0; i < 2000 && !server.is_running(); ++i) std::this_thread::sleep_for(1ms);
  }
  ~TlsHalo() {
    server.stop();
    thread.join();
  }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port); }

  std::atomic<int> token_hits{0};
  std::atomic<int> api_hits{0};
  httplib::SSLServer server;
  int port = 0;
  std::thread thread;
};

halo::Config tls_config(const std::string& url) {
  halo::Config config;
  config.instance_url = url;
  config.auth_url = url + "/auth";
  config.client_id = "tls-client";
  config.client_secret = kSecret;
  config.max_attempts = 4;  // a certificate failure must not use them
  config.backoff_base = 10ms;
  config.rate_limit_backoff = 0ms;
  config.request_timeout = 5000ms;
  config.cache_ttl = std::chrono::seconds(0);
  return config;
}

TEST(Tls, UntrustedCertificateIsAClearErrorAndNotRetried) {
  SelfSigned certs;
  if (!certs.ok) GTEST_SKIP() << "cannot make a certificate with " << kOpenssl << ": " << certs.error;
  TlsHalo halo_server(certs);
  halo::Client client(tls_config(halo_server.url()));
  auto doc = client.get("Tickets", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kNetwork);
  EXPECT_NE(doc.error().message.find("TLS"), std::string::npos) << doc.error().message;
  EXPECT_NE(doc.error().message.find("certificate"), std::string::npos) << doc.error().message;
  EXPECT_NE(doc.error().hint.find("HALO_CA_FILE"), std::string::npos) << doc.error().hint;
  EXPECT_EQ(client.stats().token_fetches, 1u) << "a certificate failure is retried";
  EXPECT_EQ(client.stats().retries, 0u);
  EXPECT_EQ(halo_server.token_hits.load(), 0) << "nothing may be sent over an unverified connection";
  EXPECT_EQ(halo_server.api_hits.load(), 0);
}

TEST(Tls, CaFileMakesTheCertificateTrusted) {
  SelfSigned certs;
  if (!certs.ok) GTEST_SKIP() << "cannot make a certificate with " << kOpenssl << ": " << certs.error;
  TlsHalo halo_server(certs);
  auto config = tls_config(halo_server.url());
  config.ca_file = certs.cert;
  halo::Client client(config);
  auto doc = client.get("Tickets", {}, {});
  ASSERT_TRUE(doc) << util::describe(doc.error());
  EXPECT_EQ(doc->root()["tickets"].at(0)["id"].get_int64().value(), 7);
  EXPECT_EQ(halo_server.token_hits.load(), 1);
  EXPECT_EQ(halo_server.api_hits.load(), 1);
}

TEST(Tls, MissingCaFileIsAClearErrorNotASilentFallback) {
  SelfSigned certs;
  if (!certs.ok) GTEST_SKIP() << "cannot make a certificate with " << kOpenssl << ": " << certs.error;
  TlsHalo halo_server(certs);
  auto config = tls_config(halo_server.url());
  config.ca_file = (certs.dir / "no-such-ca.pem").string();
  halo::Client client(config);
  auto doc = client.get("Tickets", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kNetwork);
  EXPECT_EQ(client.stats().token_fetches, 1u);
  EXPECT_EQ(halo_server.token_hits.load(), 0);
}


/// nghttpd serving a docroot with api/Tickets over TLS + HTTP/2 on loopback.
struct Http2Halo {
  explicit Http2Halo(const SelfSigned& certs) {
    std::filesystem::create_directories(certs.dir / "docroot" / "api");
    std::ofstream(certs.dir / "docroot" / "api" / "Tickets") << kTickets;
    port = testsupport::free_port();
    process = std::make_unique<testsupport::Process>(std::vector<std::string>{
        kNghttpd, "--address=127.0.0.1", "-d", (certs.dir / "docroot").string(), std::to_string(port), certs.key,
        certs.cert});
    // Ready once it accepts connections (bounded).
    for (int i = 0; i < 200 && !ready; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      address.sin_port = htons(static_cast<std::uint16_t>(port));
      ready = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
      ::close(fd);
      if (!ready) std::this_thread::sleep_for(20ms);
    }
  }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port); }
  int port = 0;
  bool ready = false;
  std::unique_ptr<testsupport::Process> process;
};

TEST(Tls, Http2IsNegotiatedAndTheConnectionReused) {
  if (!std::filesystem::exists(kNghttpd)) GTEST_SKIP() << kNghttpd << " is not installed (Debian nghttp2-server)";
  if ((curl_version_info(CURLVERSION_NOW)->features & CURL_VERSION_HTTP2) == 0) {
    GTEST_SKIP() << "this libcurl has no HTTP/2";
  }
  SelfSigned certs;
  if (!certs.ok) GTEST_SKIP() << "cannot make a certificate with " << kOpenssl << ": " << certs.error;
  Http2Halo h2(certs);
  ASSERT_TRUE(h2.ready) << "nghttpd did not start: " << h2.process->stderr_text();

  // The engine: two GETs on one multiplexed connection.
  halo::HttpEngine engine(4, certs.cert);
  halo::HttpRequest request;
  request.url = h2.url() + "/api/Tickets";
  request.timeout = 5000ms;
  const auto deadline = Clock::now() + 10s;
  auto first = engine.perform(request, {}, deadline);
  ASSERT_EQ(first.response.status, 200) << first.response.transport_message;
  EXPECT_EQ(first.response.http_version, CURL_HTTP_VERSION_2_0) << "HTTP/2 was not negotiated";
  EXPECT_FALSE(first.response.reused_connection);
  auto second = engine.perform(request, {}, deadline);
  ASSERT_EQ(second.response.status, 200) << second.response.transport_message;
  EXPECT_EQ(second.response.http_version, CURL_HTTP_VERSION_2_0);
  EXPECT_TRUE(second.response.reused_connection) << "a second TLS handshake for the same host";
  EXPECT_EQ(second.response.body, kTickets);

  // The client end to end over h2 (nghttpd serves files, so the token comes from a plain
  // loopback token endpoint: HALO_AUTH_URL may name a separate server).
  FakeServer auth;
  auth.add_token_endpoint();
  auth.start();
  auto config = tls_config(h2.url());
  config.auth_url = auth.url() + "/auth";
  config.ca_file = certs.cert;
  halo::Client client(config);
  for (int i = 0; i < 2; ++i) {
    auto doc = client.get("Tickets", {}, {});
    ASSERT_TRUE(doc) << util::describe(doc.error());
    EXPECT_EQ(doc->root()["tickets"].at(0)["id"].get_int64().value(), 7);
  }
}

}  // namespace

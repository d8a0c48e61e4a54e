// The product maps libcurl only when it first needs Halo: a session that has been initialised and
// has listed its tools has none of libcurl's dependency tree in memory, and the first tool call
// brings it in. A libcurl.so.4 that cannot be used fails the call with a message saying what to
// install, and the server goes on serving.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "child_process_probe.hpp"
#include "support/process.hpp"

using nlohmann::json;
using testsupport::build_path;

namespace {

const std::string kServer = build_path("halo-psa-mcp");
constexpr const char* kInitialize =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})";
constexpr const char* kFirstCall =
    R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_tickets","arguments":{"page_size":1}}})";

using app_test::maps_of;
using app_test::response;

/// initialize, notifications/initialized and tools/list; true when both answered with a result.
bool initialise_and_list(testsupport::Process& server) {
  server.write_line(kInitialize);
  const bool initialised = response(server, 1).contains("result");
  server.write_line(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  server.write_line(R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})");
  const json listed = response(server, 2);
  return initialised && listed.contains("result") && !listed["result"]["tools"].empty();
}

TEST(LazyLibcurl, NotMappedBeforeTheFirstToolCallAndMappedAfterIt) {
  testsupport::Process server({kServer, "--demo"});
  ASSERT_TRUE(initialise_and_list(server)) << server.stderr_text();

  const std::string before = maps_of(server.pid());
  // The right process's maps: its own executable is there.
  ASSERT_NE(before.find("/halo-psa-mcp"), std::string::npos) << before;
  // libcurl and the libraries only its tree brings (TLS, Kerberos, LDAP, SSH, RTMP).
  for (const char* library : {"/libcurl.so", "/libssl.so", "/libgnutls.so", "/libgssapi_krb5.so", "/libldap",
                              "/libssh2.so", "/librtmp.so"}) {
    EXPECT_EQ(before.find(library), std::string::npos) << library << " is mapped before any Halo request";
  }

  server.write_line(kFirstCall);
  const json call = response(server, 3);
  ASSERT_TRUE(call.contains("result")) << call.dump() << server.stderr_text();
  EXPECT_FALSE(call["result"].value("isError", true)) << call.dump();
  EXPECT_NE(maps_of(server.pid()).find("/libcurl.so.4"), std::string::npos)
      << "the tool call reached the simulator without mapping libcurl?";
}

TEST(LazyLibcurl, AnUnusableLibcurlFailsTheCallSayingWhatToInstallAndTheServerGoesOn) {
  testsupport::ProcessOptions options;
  // The stand-in is found first: a file named libcurl.so.4 exporting no curl function.
  options.env = {{"LD_LIBRARY_PATH", HALO_FAKE_LIBCURL_DIR}};
  testsupport::Process server({kServer, "--demo"}, options);
  ASSERT_TRUE(initialise_and_list(server)) << server.stderr_text();

  server.write_line(kFirstCall);
  const json call = response(server, 3);
  ASSERT_TRUE(call.contains("result")) << call.dump() << server.stderr_text();
  EXPECT_TRUE(call["result"].value("isError", false)) << call.dump();
  const std::string text = call["result"]["content"].dump();
  EXPECT_NE(text.find("libcurl.so.4 could not be loaded"), std::string::npos) << text;
  EXPECT_NE(text.find("curl_global_init"), std::string::npos) << "the loader's reason is missing: " << text;
  EXPECT_NE(text.find("install libcurl4"), std::string::npos) << text;

  // Still serving: the failure was an answer, not a crash.
  server.write_line(R"({"jsonrpc":"2.0","id":4,"method":"ping"})");
  EXPECT_TRUE(response(server, 4).contains("result")) << server.stderr_text();
}

}  // namespace

// Configuration: precedence (overrides > environment > .env), .env syntax, the secret file,
// URL rules, and error messages that name the variable without ever showing the secret.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "halo/config.hpp"
#include "halo/dotenv.hpp"

namespace {

namespace fs = std::filesystem;

const char* const kNames[] = {
    "HALO_INSTANCE_URL", "HALO_CLIENT_ID", "HALO_CLIENT_SECRET", "HALO_CLIENT_SECRET_FILE",
    "HALO_TENANT", "HALO_AUTH_URL", "HALO_SCOPE", "HALO_MAX_CONCURRENCY", "HALO_REQUEST_TIMEOUT_MS",
    "HALO_CALL_DEADLINE_MS", "HALO_RATE_LIMIT", "HALO_RATE_WINDOW_S", "HALO_CACHE_TTL_S",
    "HALO_MAX_ATTEMPTS", "HALO_BACKOFF_BASE_MS", "HALO_MAX_BACKOFF_MS", "HALO_DEFAULT_CURRENCY",
    "HALO_PERIOD_CODES", "HALO_CA_FILE", "HALO_MCP_HTTP_TOKEN", "HALO_PERIOD_LABELS",
    "HALO_RATE_LIMIT_BACKOFF_MS"};

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : kNames) unsetenv(name);
    dir_ = fs::temp_directory_path() / ("halo-config-test-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    old_cwd_ = fs::current_path();
    fs::current_path(dir_);  // so a stray ./.env elsewhere never leaks in
  }
  void TearDown() override {
    for (const char* name : kNames) unsetenv(name);
    fs::current_path(old_cwd_);
    fs::remove_all(dir_);
  }
  std::string write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  halo::ConfigSources with_overrides(std::map<std::string, std::string> overrides) {
    halo::ConfigSources sources;
    sources.overrides = std::move(overrides);
    return sources;
  }
  static std::map<std::string, std::string> valid() {
    return {{"HALO_INSTANCE_URL", "https://acme.halopsa.com"},
            {"HALO_CLIENT_ID", "id"},
            {"HALO_CLIENT_SECRET", "topsecret-123"}};
  }

  fs::path dir_;
  fs::path old_cwd_;
};

TEST_F(ConfigTest, OverridesBeatEnvironmentWhichBeatsDotenvFile) {
  const auto file = write("custom.env",
                          "HALO_INSTANCE_URL=https://from-file.halopsa.com/\n"
                          "HALO_CLIENT_ID=file-id\n"
                          "HALO_CLIENT_SECRET=file-secret\n"
                          "HALO_SCOPE=file-scope\n"
                          "HALO_TENANT=file-tenant\n");
  setenv("HALO_CLIENT_ID", "env-id", 1);
  setenv("HALO_SCOPE", "env-scope", 1);
  halo::ConfigSources sources = with_overrides({{"HALO_SCOPE", "flag-scope"}});
  sources.env_file = file;
  auto config = halo::load_config(sources);
  ASSERT_TRUE(config) << util::describe(config.error());
  EXPECT_EQ(config->instance_url, "https://from-file.halopsa.com");  // trailing slash dropped
  EXPECT_EQ(config->client_id, "env-id");
  EXPECT_EQ(config->client_secret, "file-secret");
  EXPECT_EQ(config->scope, "flag-scope");
  EXPECT_EQ(config->tenant, "file-tenant");
  EXPECT_EQ(config->auth_url, "https://from-file.halopsa.com/auth");
}

TEST_F(ConfigTest, ReadsDotEnvInWorkingDirectoryWhenPresent) {
  write(".env", "HALO_INSTANCE_URL=https://cwd.halopsa.com\nHALO_CLIENT_ID=a\nHALO_CLIENT_SECRET=b\n");
  auto config = halo::load_config(halo::ConfigSources{});
  ASSERT_TRUE(config) << util::describe(config.error());
  EXPECT_EQ(config->instance_url, "https://cwd.halopsa.com");
  EXPECT_EQ(config->scope, "all");
}

TEST_F(ConfigTest, MissingExplicitEnvFileIsAConfigError) {
  halo::ConfigSources sources = with_overrides(valid());
  sources.env_file = (dir_ / "nope.env").string();
  auto config = halo::load_config(sources);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().kind, util::ErrorKind::kConfig);
  EXPECT_NE(config.error().message.find("nope.env"), std::string::npos);
}

TEST_F(ConfigTest, DotenvSyntax) {
  const auto values = halo::parse_dotenv(
      "# a comment\n"
      "\n"
      "export HALO_A=plain\n"
      "HALO_B = \"double # not a comment\"\n"
      "HALO_C='single \\n raw'\n"
      "HALO_D=value # trailing comment\n"
      "HALO_E=\"esc \\\"quoted\\\" \\\\ end\"\n"
      "HALO_F=\r\n"
      "not a pair\n"
      "HALO_G=a=b=c\n");
  EXPECT_EQ(values.at("HALO_A"), "plain");
  EXPECT_EQ(values.at("HALO_B"), "double # not a comment");
  EXPECT_EQ(values.at("HALO_C"), "single \\n raw");
  EXPECT_EQ(values.at("HALO_D"), "value");
  EXPECT_EQ(values.at("HALO_E"), "esc \"quoted\" \\ end");
  EXPECT_EQ(values.at("HALO_F"), "");
  EXPECT_EQ(values.at("HALO_G"), "a=b=c");
  EXPECT_EQ(values.count("not a pair"), 0u);
  EXPECT_EQ(values.size(), 7u);
}

TEST_F(ConfigTest, SecretFileIsReadAndTrailingNewlineTrimmed) {
  const auto file = write("secret.txt", "from-the-file\n");
  auto overrides = valid();
  overrides.erase("HALO_CLIENT_SECRET");
  overrides["HALO_CLIENT_SECRET_FILE"] = file;
  auto config = halo::load_config(with_overrides(overrides));
  ASSERT_TRUE(config) << util::describe(config.error());
  EXPECT_EQ(config->client_secret, "from-the-file");
}

TEST_F(ConfigTest, UnreadableSecretFileNamesTheVariable) {
  auto overrides = valid();
  overrides.erase("HALO_CLIENT_SECRET");
  overrides["HALO_CLIENT_SECRET_FILE"] = (dir_ / "missing").string();
  auto config = halo::load_config(with_overrides(overrides));
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().kind, util::ErrorKind::kConfig);
  EXPECT_NE(config.error().message.find("HALO_CLIENT_SECRET_FILE"), std::string::npos);
}

TEST_F(ConfigTest, HttpsRequiredExceptOnLoopback) {
  struct Case {
    std::string url;
    bool ok;
  };
  for (const auto& c : {Case{"https://acme.halopsa.com", true}, Case{"http://127.0.0.1:8080", true},
                        Case{"http://localhost:9000/", true}, Case{"http://[::1]:9000", true},
                        Case{"HTTP://LOCALHOST", true}, Case{"http://acme.halopsa.com", false},
                        Case{"http://127.0.0.1.evil.com", false}, Case{"ftp://acme.halopsa.com", false},
                        Case{"acme.halopsa.com", false}}) {
    auto overrides = valid();
    overrides["HALO_INSTANCE_URL"] = c.url;
    auto config = halo::load_config(with_overrides(overrides));
    EXPECT_EQ(static_cast<bool>(config), c.ok) << c.url;
    if (!config) {
      EXPECT_EQ(config.error().kind, util::ErrorKind::kConfig);
      EXPECT_NE(config.error().message.find("HALO_INSTANCE_URL"), std::string::npos) << c.url;
    }
  }
}

TEST_F(ConfigTest, AuthUrlIsCheckedToo) {
  auto overrides = valid();
  overrides["HALO_AUTH_URL"] = "http://auth.example.com";
  auto config = halo::load_config(with_overrides(overrides));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("HALO_AUTH_URL"), std::string::npos);
}

TEST_F(ConfigTest, MissingRequiredValuesNameTheVariable) {
  for (const std::string missing : {"HALO_INSTANCE_URL", "HALO_CLIENT_ID", "HALO_CLIENT_SECRET"}) {
    auto overrides = valid();
    overrides.erase(missing);
    auto config = halo::load_config(with_overrides(overrides));
    ASSERT_FALSE(config) << missing;
    EXPECT_EQ(config.error().kind, util::ErrorKind::kConfig);
    EXPECT_NE(util::describe(config.error()).find(missing), std::string::npos) << missing;
  }
}

TEST_F(ConfigTest, DemoModeNeedsNoCredentials) {
  halo::ConfigSources sources;
  sources.require_credentials = false;
  auto config = halo::load_config(sources);
  ASSERT_TRUE(config);
  EXPECT_TRUE(config->instance_url.empty());
}

TEST_F(ConfigTest, TuningNamesAreRead) {
  auto overrides = valid();
  overrides.insert({{"HALO_MAX_CONCURRENCY", "7"},  {"HALO_REQUEST_TIMEOUT_MS", "1500"},
                    {"HALO_CALL_DEADLINE_MS", "9000"}, {"HALO_RATE_LIMIT", "10"},
                    {"HALO_RATE_WINDOW_S", "20"},   {"HALO_CACHE_TTL_S", "0"},
                    {"HALO_MAX_ATTEMPTS", "2"},     {"HALO_BACKOFF_BASE_MS", "50"},
                    {"HALO_MAX_BACKOFF_MS", "700"}, {"HALO_DEFAULT_CURRENCY", "EUR"},
                    {"HALO_PERIOD_CODES", "1=weekly,2=monthly"}, {"HALO_TENANT", "acme"}});
  auto config = halo::load_config(with_overrides(overrides));
  ASSERT_TRUE(config) << util::describe(config.error());
  EXPECT_EQ(config->max_concurrency, 7);
  EXPECT_EQ(config->request_timeout.count(), 1500);
  EXPECT_EQ(config->call_deadline.count(), 9000);
  EXPECT_EQ(config->rate_limit_requests, 10);
  EXPECT_EQ(config->rate_limit_window.count(), 20);
  EXPECT_EQ(config->cache_ttl.count(), 0);
  EXPECT_EQ(config->max_attempts, 2);
  EXPECT_EQ(config->backoff_base.count(), 50);
  EXPECT_EQ(config->max_backoff.count(), 700);
  EXPECT_EQ(config->default_currency, "EUR");
  EXPECT_EQ(config->period_codes, "1=weekly,2=monthly");
  EXPECT_EQ(config->tenant, "acme");
}

TEST_F(ConfigTest, BadNumbersNameTheVariable) {
  for (const auto& [name, value] : std::map<std::string, std::string>{
           {"HALO_MAX_CONCURRENCY", "four"}, {"HALO_REQUEST_TIMEOUT_MS", "12ms"},
           {"HALO_RATE_LIMIT", "0"}, {"HALO_CACHE_TTL_S", "-1"}, {"HALO_MAX_ATTEMPTS", "2.5"}}) {
    auto overrides = valid();
    overrides[name] = value;
    auto config = halo::load_config(with_overrides(overrides));
    ASSERT_FALSE(config) << name;
    EXPECT_EQ(config.error().kind, util::ErrorKind::kConfig);
    EXPECT_NE(config.error().message.find(name), std::string::npos) << config.error().message;
  }
}

TEST_F(ConfigTest, SecretNeverAppearsInConfigErrors) {
  const std::string secret = "topsecret-123";
  std::vector<std::map<std::string, std::string>> broken;
  for (const auto& [name, value] : std::map<std::string, std::string>{
           {"HALO_INSTANCE_URL", "http://acme.example.com"}, {"HALO_MAX_ATTEMPTS", "x"},
           {"HALO_AUTH_URL", "nonsense"}, {"HALO_CLIENT_ID", ""}}) {
    auto overrides = valid();
    overrides[name] = value;
    broken.push_back(overrides);
  }
  for (const auto& overrides : broken) {
    auto config = halo::load_config(with_overrides(overrides));
    ASSERT_FALSE(config);
    EXPECT_EQ(util::describe(config.error()).find(secret), std::string::npos);
  }
}

TEST_F(ConfigTest, SecretFromAHigherSourceBeatsTheOtherForm) {
  const auto file = write("secret.txt", "from-the-file\n");
  // A --client-secret-file flag beats HALO_CLIENT_SECRET in the environment...
  setenv("HALO_CLIENT_SECRET", "from-the-environment", 1);
  auto overrides = valid();
  overrides.erase("HALO_CLIENT_SECRET");
  overrides["HALO_CLIENT_SECRET_FILE"] = file;
  auto config = halo::load_config(with_overrides(overrides));
  ASSERT_TRUE(config) << util::describe(config.error());
  EXPECT_EQ(config->client_secret, "from-the-file");
  // ...the environment's secret beats a secret file named in the .env file...
  halo::ConfigSources sources = with_overrides({{"HALO_INSTANCE_URL", "https://acme.halopsa.com"},
                                                {"HALO_CLIENT_ID", "id"}});
  sources.env_file = write("halo.env", "HALO_CLIENT_SECRET_FILE=" + file + "\n");
  config = halo::load_config(sources);
  ASSERT_TRUE(config) << util::describe(config.error());
  EXPECT_EQ(config->client_secret, "from-the-environment");
  // ...and from one source, the secret itself wins (as documented).
  overrides["HALO_CLIENT_SECRET"] = "from-the-flag-map";
  config = halo::load_config(with_overrides(overrides));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->client_secret, "from-the-flag-map");
}

TEST_F(ConfigTest, SettingsFollowTheSamePrecedence) {
  halo::ConfigSources sources = with_overrides({{"HALO_MCP_HTTP_TOKEN", "flag"}});
  sources.env_file = write("halo.env", "HALO_MCP_HTTP_TOKEN=file\nHALO_PERIOD_LABELS=x=monthly\n");
  auto settings = halo::Settings::load(sources);
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->get("HALO_MCP_HTTP_TOKEN"), "flag");
  EXPECT_EQ(settings->source_of("HALO_MCP_HTTP_TOKEN"), halo::Settings::Source::kOverride);
  EXPECT_EQ(settings->get("HALO_PERIOD_LABELS"), "x=monthly");
  EXPECT_EQ(settings->source_of("HALO_PERIOD_LABELS"), halo::Settings::Source::kDotenv);
  setenv("HALO_PERIOD_LABELS", "y=yearly", 1);
  EXPECT_EQ(settings->get("HALO_PERIOD_LABELS"), "y=yearly");
  EXPECT_EQ(settings->source_of("HALO_PERIOD_LABELS"), halo::Settings::Source::kEnvironment);
  EXPECT_FALSE(settings->get("HALO_TENANT"));
  EXPECT_EQ(settings->source_of("HALO_TENANT"), halo::Settings::Source::kNone);
}

TEST_F(ConfigTest, DotenvProblemsNameTheLineButNeverQuoteIt) {
  const auto parsed = halo::parse_dotenv_checked(
      "# comment\n"
      "HALO_A=fine\n"
      "HALO_CLIENT_SECRET \"hunter2\"\n"
      "HALO_B=\"unclosed hunter3\n"
      "not a name=1\n"
      "\n"
      "HALO_C='ok'\n");
  ASSERT_EQ(parsed.problems.size(), 3u);
  EXPECT_EQ(parsed.problems[0].line, 3);
  EXPECT_EQ(parsed.problems[1].line, 4);
  EXPECT_EQ(parsed.problems[2].line, 5);
  for (const auto& problem : parsed.problems) {
    EXPECT_EQ(problem.what.find("hunter"), std::string::npos) << problem.what;
  }
  EXPECT_EQ(parsed.values.at("HALO_A"), "fine");
  EXPECT_EQ(parsed.values.at("HALO_C"), "ok");
  EXPECT_EQ(parsed.values.count("not a name"), 0u);
  EXPECT_TRUE(halo::parse_dotenv_checked("A=1\n# x\nexport B=2\n").problems.empty());
}

TEST_F(ConfigTest, UnreadableCaFileNamesTheVariable) {
  auto overrides = valid();
  overrides["HALO_CA_FILE"] = (dir_ / "no-such-ca.pem").string();
  auto config = halo::load_config(with_overrides(overrides));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("HALO_CA_FILE"), std::string::npos);
  overrides["HALO_CA_FILE"] = write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
  config = halo::load_config(with_overrides(overrides));
  ASSERT_TRUE(config) << util::describe(config.error());
  EXPECT_EQ(config->ca_file, overrides["HALO_CA_FILE"]);
}

}  // namespace

// halo-sim: the Halo PSA simulator as a standalone process, for tests, benchmarks and demos.
// Prints exactly one line to stdout when ready ("halo-sim listening on http://127.0.0.1:PORT");
// everything else goes to stderr. Never prints the client secret or tokens.
// The accepted secret comes from --client-secret (tests), --client-secret-file, or the
// environment variable HALO_SIM_CLIENT_SECRET (what --demo uses: argv is world-readable in
// /proc/PID/cmdline, the environment only to the same user).
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "sim/simulator.hpp"

namespace {
volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"halo-sim: a Halo PSA API simulator serving a generated MSP dataset"};
  sim::Options options;
  std::string dump_file;
  int latency_ms = 0;
  bool exit_on_stdin_eof = false;
  std::string faults_json;
  app.add_option("--port", options.port, "port to listen on (0 = any free port)");
  app.add_option("--seed", options.seed, "dataset seed");
  app.add_option("--scale", options.scale, "dataset scale (1 = ~25 clients, ~1000 invoices)");
  app.add_option("--today", options.today, "anchor date YYYY-MM-DD (default: today UTC)");
  app.add_option("--dataset", options.dataset_file, "serve this JSON dataset instead of generating one");
  app.add_option("--dump-dataset", dump_file, "write the generated dataset to FILE and exit");
  app.add_option("--token-lifetime", options.token_lifetime_s, "token lifetime in seconds");
  app.add_option("--latency-ms", latency_ms, "delay every request by this many ms");
  app.add_option("--faults", faults_json, "initial faults, as the JSON accepted by POST /_sim/faults");
  app.add_option("--client-id", options.credentials.client_id, "accepted client_id");
  std::string secret_flag;
  std::string secret_file;
  bool no_control = false;
  app.add_option("--client-secret", secret_flag, "accepted client_secret (visible in the process list)");
  app.add_option("--client-secret-file", secret_file, "read the accepted client_secret from FILE");
  app.add_flag("--no-control", no_control, "do not serve the unauthenticated /_sim/* control endpoints");
  app.add_option("--tenant", options.credentials.tenant, "required tenant (default: none)");
  app.add_option("--auth-path", options.auth_path,
                 "where the token endpoint lives, e.g. /identity (an on-premise layout; /api/authinfo says so)");
  app.add_option("--threads", options.threads, "worker threads");
  app.add_flag("--exit-on-stdin-eof", exit_on_stdin_eof, "stop when stdin reaches end of file");
  CLI11_PARSE(app, argc, argv);
  if (!secret_flag.empty()) {
    options.credentials.client_secret = secret_flag;
  } else if (!secret_file.empty()) {
    std::ifstream in(secret_file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string secret = text.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (!in || secret.empty()) {
      std::cerr << "halo-sim: --client-secret-file: cannot read a secret from " << secret_file << "\n";
      return 2;
    }
    options.credentials.client_secret = std::move(secret);
  } else if (const char* env = std::getenv("HALO_SIM_CLIENT_SECRET"); env != nullptr && *env != '\0') {
    options.credentials.client_secret = env;
  }
  ::unsetenv("HALO_SIM_CLIENT_SECRET");  // nothing this process starts inherits it
  options.control_endpoints = !no_control;

  if (!dump_file.empty()) {
    auto data = sim::generate_dataset(sim::GenerateOptions{options.seed, options.scale, options.today});
    if (!data) {
      std::cerr << "halo-sim: " << data.error().message << "\n";
      return 2;
    }
    std::ofstream out(dump_file, std::ios::binary);
    out << data->dump(1) << "\n";
    if (!out) {
      std::cerr << "halo-sim: cannot write " << dump_file << "\n";
      return 2;
    }
    return 0;
  }

  options.faults.latency_ms = latency_ms;
  sim::Simulator simulator(options);
  if (!faults_json.empty()) {
    try {
      auto applied = simulator.faults().apply_json(util::Json::parse(faults_json));
      if (!applied) {
        std::cerr << "halo-sim: --faults: " << applied.error().message << "\n";
        return 2;
      }
    } catch (const std::exception& e) {
      std::cerr << "halo-sim: --faults is not JSON: " << e.what() << "\n";
      return 2;
    }
  }
  if (simulator.start() < 0) {
    std::cerr << "halo-sim: " << simulator.last_error() << "\n";
    return 1;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::cout << "halo-sim listening on " << simulator.base_url() << std::endl;

  if (exit_on_stdin_eof) {
    std::thread([] {
      char buf[256];
      while (std::fread(buf, 1, sizeof buf, stdin) > 0) {
      }
      g_stop = 1;
    }).detach();
  }
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  simulator.stop();
  return 0;
}

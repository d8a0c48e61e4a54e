// Simulator lifecycle: build or load the dataset, index it, start/stop the HTTP server.
#include "sim/simulator.hpp"

#include <fstream>
#include <sstream>

#include "sim/dataset_store.hpp"
#include "sim/server.hpp"

namespace sim {

util::Result<util::Json> load_dataset_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return util::fail(util::ErrorKind::kConfig, "cannot read dataset file '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    util::Json data = util::Json::parse(buffer.str());
    if (!data.is_object()) return util::fail(util::ErrorKind::kConfig, "dataset file '" + path + "' is not a JSON object");
    return data;
  } catch (const std::exception& e) {
    return util::fail(util::ErrorKind::kConfig, "dataset file '" + path + "' is not valid JSON: " + e.what());
  }
}

Simulator::Simulator(Options options) : options_(std::move(options)) { faults_.set(options_.faults); }

Simulator::~Simulator() { stop(); }

int Simulator::start() {
  if (server_ && server_->running()) return server_->port();
  // Generated data streams straight into the store; a file is parsed first (tests use small ones).
  util::Result<std::shared_ptr<const DatasetStore>> store =
      options_.dataset_file.empty() ? DatasetStore::generate(GenerateOptions{options_.seed, options_.scale, options_.today})
                                    : [&]() -> util::Result<std::shared_ptr<const DatasetStore>> {
    auto data = load_dataset_file(options_.dataset_file);
    if (!data) return tl::unexpected(data.error());
    return DatasetStore::build(std::move(*data));
  }();
  if (!store) {
    last_error_ = store.error().message;
    return -1;
  }
  store_ = *store;
  server_ = std::make_unique<Server>(options_, store_, faults_);
  int port = server_->start(last_error_);
  if (port < 0) server_.reset();
  return port;
}

void Simulator::stop() {
  if (server_) server_->stop();
}

bool Simulator::running() const { return server_ && server_->running(); }

int Simulator::port() const { return server_ ? server_->port() : -1; }

std::string Simulator::base_url() const { return "http://127.0.0.1:" + std::to_string(port()); }

std::string Simulator::last_error() const { return last_error_; }

Faults& Simulator::faults() { return faults_; }

Stats Simulator::stats() const { return server_ ? server_->stats() : Stats{}; }

void Simulator::reset_stats() {
  if (server_) server_->reset_stats();
}

util::Json Simulator::dataset() const { return store_ ? store_->to_json() : util::Json::object(); }

}  // namespace sim

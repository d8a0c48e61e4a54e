// The raw-socket HTTP client and SSE helpers of the HTTP transport tests (see http_raw_client.hpp).
#include "http_raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace mcp_test {

RawClient::RawClient(std::uint16_t port, std::chrono::seconds receive_timeout) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{static_cast<time_t>(receive_timeout.count()), 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

RawClient::~RawClient() { close(); }

void RawClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void RawClient::send_raw(const std::string& data) { ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL); }

std::string RawClient::read_until(const std::string& needle) {
  char buf[4096];
  while (raw_.find(needle) == std::string::npos) {
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw_.append(buf, static_cast<std::size_t>(n));
  }
  return raw_;
}

HttpReply RawClient::read_reply() {
  HttpReply reply;
  read_until("\r\n\r\n");
  const auto head_end = raw_.find("\r\n\r\n");
  if (head_end == std::string::npos) return reply;
  const std::string head = raw_.substr(0, head_end);
  std::string rest = raw_.substr(head_end + 4);
  reply.status = std::stoi(head.substr(9, 3));
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos && pos < head.size()) {
    const auto next = head.find("\r\n", pos + 2);
    const std::string line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      reply.headers[name] = value;
    }
    pos = next;
  }
  raw_ = rest;
  if (reply.headers.count("content-length")) {
    const std::size_t length = std::stoul(reply.headers["content-length"]);
    char buf[4096];
    while (raw_.size() < length) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      raw_.append(buf, static_cast<std::size_t>(n));
    }
    reply.body = raw_.substr(0, length);
    raw_.erase(0, std::min(length, raw_.size()));
  } else if (reply.headers["transfer-encoding"] == "chunked") {
    // Up to the last chunk (which is all there is of an empty body).
    char buf[4096];
    while (raw_.rfind("0\r\n\r\n", 0) != 0 && raw_.find("\r\n0\r\n\r\n") == std::string::npos) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      raw_.append(buf, static_cast<std::size_t>(n));
    }
    std::string out;
    std::size_t p = 0;
    for (;;) {
      const auto eol = raw_.find("\r\n", p);
      if (eol == std::string::npos) break;
      const std::size_t size = std::stoul(raw_.substr(p, eol - p), nullptr, 16);
      if (size == 0) break;
      out += raw_.substr(eol + 2, size);
      p = eol + 2 + size + 2;
    }
    reply.body = out;
    raw_.clear();
  }
  return reply;
}

std::string post_text(const std::string& body, const std::map<std::string, std::string>& headers, std::string accept) {
  std::string req = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
  if (!accept.empty()) req += "Accept: " + accept + "\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return req;
}

std::string get_text(const std::map<std::string, std::string>& headers) {
  std::string req = "GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  return req + "\r\n";
}

std::vector<SseEvent> parse_sse(const std::string& body) {
  std::vector<SseEvent> events;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto end = body.find("\n\n", pos);
    if (end == std::string::npos) end = body.size();
    const std::string block = body.substr(pos, end - pos);
    pos = end + 2;
    SseEvent event;
    bool any = false;
    std::size_t line_start = 0;
    while (line_start <= block.size()) {
      auto line_end = block.find('\n', line_start);
      if (line_end == std::string::npos) line_end = block.size();
      const std::string line = block.substr(line_start, line_end - line_start);
      line_start = line_end + 1;
      if (line.empty() || line.front() == ':') continue;
      const auto colon = line.find(':');
      const std::string field = line.substr(0, colon);
      std::string value = colon == std::string::npos ? std::string() : line.substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.erase(0, 1);
      any = true;
      if (field == "id") event.id = value;
      else if (field == "retry") event.retry = value;
      else if (field == "event") event.event = value;
      else if (field == "data") event.data += value;
    }
    if (any) events.push_back(std::move(event));
  }
  return events;
}

util::Json final_message(const HttpReply& reply) {
  const auto type = reply.headers.find("content-type");
  if (type != reply.headers.end() && type->second.rfind("text/event-stream", 0) == 0) {
    const auto events = parse_sse(reply.body);
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (!it->data.empty()) return util::Json::parse(it->data, nullptr, false);
    }
    return nullptr;
  }
  return util::Json::parse(reply.body, nullptr, false);
}

}  // namespace mcp_test

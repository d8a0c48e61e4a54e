// Lenient Halo field readers: see halo_fields.hpp for the quirks they absorb.
#include "domain/halo_fields.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "domain/time_zone.hpp"

namespace domain::fields {
namespace {

std::optional<std::int64_t> parse_int(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) return value;
  // "12.0" from a tenant that stringifies doubles.
  double d = 0;
  auto [dend, dec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (dec == std::errc() && dend == text.data() + text.size() && std::isfinite(d) &&
      d == std::floor(d) && std::fabs(d) < 9.2e18) {
    return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

std::optional<double> parse_double(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  double d = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec == std::errc() && end == text.data() + text.size() && std::isfinite(d)) return d;
  return std::nullopt;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string format_double(double d) {
  // Shortest round-trip form, so 12.5 prints as "12.5" and 3 as "3".
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  if (ec != std::errc()) return {};
  return std::string(buffer, end);
}

}  // namespace

std::optional<Element> get(Element record, std::string_view key) {
  if (record.type() != simdjson::dom::element_type::OBJECT) return std::nullopt;
  auto value = record.get_object().value_unsafe().at_key(key);
  if (value.error()) return std::nullopt;
  Element element = value.value_unsafe();
  if (element.is_null()) return std::nullopt;
  return element;
}

std::optional<std::int64_t> as_int(Element record, std::string_view key) {
  auto value = get(record, key);
  if (!value) return std::nullopt;
  switch (value->type()) {
    case simdjson::dom::element_type::INT64:
      return value->get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64: {
      std::uint64_t u = value->get_uint64().value_unsafe();
      if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
      return static_cast<std::int64_t>(u);
    }
    case simdjson::dom::element_type::DOUBLE: {
      double d = value->get_double().value_unsafe();
      if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) >= 9.2e18) return std::nullopt;
      return static_cast<std::int64_t>(d);
    }
    case simdjson::dom::element_type::STRING:
      return parse_int(value->get_string().value_unsafe());
    case simdjson::dom::element_type::BOOL:
      return value->get_bool().value_unsafe() ? 1 : 0;
    default:
      return std::nullopt;
  }
}

std::optional<double> as_double(Element record, std::string_view key) {
  auto value = get(record, key);
  if (!value) return std::nullopt;
  switch (value->type()) {
    case simdjson::dom::element_type::INT64:
      return static_cast<double>(value->get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return static_cast<double>(value->get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
      return value->get_double().value_unsafe();
    case simdjson::dom::element_type::STRING:
      return parse_double(value->get_string().value_unsafe());
    default:
      return std::nullopt;
  }
}

std::optional<bool> as_bool(Element record, std::string_view key) {
  auto value = get(record, key);
  if (!value) return std::nullopt;
  switch (value->type()) {
    case simdjson::dom::element_type::BOOL:
      return value->get_bool().value_unsafe();
    case simdjson::dom::element_type::INT64:
      return value->get_int64().value_unsafe() != 0;
    case simdjson::dom::element_type::UINT64:
      return value->get_uint64().value_unsafe() != 0;
    case simdjson::dom::element_type::DOUBLE:
      return value->get_double().value_unsafe() != 0.0;
    case simdjson::dom::element_type::STRING: {
      std::string_view s = value->get_string().value_unsafe();
      if (s == "true" || s == "True" || s == "TRUE" || s == "1") return true;
      if (s == "false" || s == "False" || s == "FALSE" || s == "0") return false;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::string> as_string(Element record, std::string_view key) {
  auto value = get(record, key);
  if (!value) return std::nullopt;
  switch (value->type()) {
    case simdjson::dom::element_type::STRING:
      return std::string(value->get_string().value_unsafe());
    case simdjson::dom::element_type::INT64:
      return std::to_string(value->get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return std::to_string(value->get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
      return format_double(value->get_double().value_unsafe());
    default:
      return std::nullopt;
  }
}

std::optional<std::string> normalize_date(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  std::string_view year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
  if (!all_digits(year) || text[4] != '-' || !all_digits(month) || text[7] != '-' ||
      !all_digits(day)) {
    return std::nullopt;
  }
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  int y = std::atoi(std::string(year).c_str());
  int m = std::atoi(std::string(month).c_str());
  int d = std::atoi(std::string(day).c_str());
  if (y < 1901 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return std::string(text.substr(0, 10));
}

std::optional<std::string> normalize_datetime(std::string_view text) {
  auto date = normalize_date(text);
  if (!date) return std::nullopt;
  if (text.size() == 10) return date;
  // Expect THH:MM[:SS][.fraction][zone].
  std::string_view rest = text.substr(11);
  if (rest.size() < 5 || !all_digits(rest.substr(0, 2)) || rest[2] != ':' ||
      !all_digits(rest.substr(3, 2))) {
    return date;
  }
  std::string out = *date + "T" + std::string(rest.substr(0, 5));
  std::size_t pos = 5;
  if (rest.size() >= 8 && rest[5] == ':' && all_digits(rest.substr(6, 2))) {
    out += std::string(rest.substr(5, 3));
    pos = 8;
  } else {
    out += ":00";
  }
  if (pos < rest.size() && rest[pos] == '.') {
    ++pos;
    while (pos < rest.size() && rest[pos] >= '0' && rest[pos] <= '9') ++pos;
  }
  std::string_view zone = rest.substr(pos);
  if (zone == "Z" || zone == "z") {
    out += "Z";
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    out += std::string(zone);
  }
  return out;
}

std::optional<std::string> as_date(Element record, std::string_view key) {
  auto text = as_string(record, key);
  if (!text) return std::nullopt;
  return normalize_date(*text);
}

std::optional<std::string> as_datetime(Element record, std::string_view key) {
  auto text = as_string(record, key);
  if (!text) return std::nullopt;
  return normalize_datetime(*text);
}

std::optional<std::chrono::sys_seconds> as_instant(Element record, std::string_view key) {
  auto text = as_string(record, key);
  return text ? parse_halo_instant(*text) : std::nullopt;
}

bool is_open(Element ticket) { return !as_instant(ticket, "dateclosed"); }

util::Json json_int(Element record, std::string_view key) { return or_null(as_int(record, key)); }
util::Json json_double(Element record, std::string_view key) {
  return or_null(as_double(record, key));
}
util::Json json_bool(Element record, std::string_view key) { return or_null(as_bool(record, key)); }
util::Json json_string(Element record, std::string_view key) {
  return or_null(as_string(record, key));
}
util::Json json_date(Element record, std::string_view key) { return or_null(as_date(record, key)); }
util::Json json_datetime(Element record, std::string_view key) {
  return or_null(as_datetime(record, key));
}

util::Json json_first_string(Element record, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    auto value = as_string(record, key);
    if (value && !value->empty()) return *value;
  }
  return nullptr;
}

util::Json to_json(Element element) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::OBJECT: {
      util::Json out = util::Json::object();
      // Copied out first: value_unsafe() of a temporary result would dangle in a range-for.
      const simdjson::dom::object object = element.get_object().value_unsafe();
      for (auto field : object) {
        out[std::string(field.key)] = to_json(field.value);
      }
      return out;
    }
    case element_type::ARRAY: {
      util::Json out = util::Json::array();
      const simdjson::dom::array array = element.get_array().value_unsafe();
      for (Element item : array) out.push_back(to_json(item));
      return out;
    }
    case element_type::INT64:
      return element.get_int64().value_unsafe();
    case element_type::UINT64:
      return element.get_uint64().value_unsafe();
    case element_type::DOUBLE:
      return element.get_double().value_unsafe();
    case element_type::STRING:
      return std::string(element.get_string().value_unsafe());
    case element_type::BOOL:
      return element.get_bool().value_unsafe();
    case element_type::NULL_VALUE:
      return nullptr;
  }
  return nullptr;
}

}  // namespace domain::fields

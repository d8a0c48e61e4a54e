// Exact money: integer cents from Halo's doubles, and rational cents for monthly values.
// Intermediate products use __int128 so that a * (d / b) style arithmetic cannot overflow before
// the result is reduced; a result that does not fit int64 after reduction (amounts 10^6 times
// larger than any MSP's) is an invalid Money, never an exception (see money.hpp).
#include "domain/money.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

namespace domain {
namespace {

using Wide = __int128;

Wide wide_abs(Wide v) { return v < 0 ? -v : v; }

Wide wide_gcd(Wide a, Wide b) {
  a = wide_abs(a);
  b = wide_abs(b);
  while (b != 0) {
    Wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}

bool fits_int64(Wide v) {
  return v <= std::numeric_limits<std::int64_t>::max() && v >= std::numeric_limits<std::int64_t>::min();
}

}  // namespace

Cents to_cents(double amount) {
  if (!std::isfinite(amount)) return 0;
  // Beyond this the value is not money (and would not fit the print buffer's precision anyway).
  constexpr double kLimit = 9.0e16;
  if (amount > kLimit / 100 || amount < -kLimit / 100) return amount > 0 ? Cents(kLimit) : Cents(-kLimit);
  // Round through decimal text: Halo means a 2-decimal amount, and 1.005 stored as
  // 1.00499999999999989... must become 101 cents, not 100. Nine decimals keep the intent and
  // drop the binary noise.
  char buffer[64];
  int n = std::snprintf(buffer, sizeof buffer, "%.9f", std::fabs(amount));
  if (n <= 0) return 0;
  Cents whole = 0;
  int i = 0;
  for (; i < n && buffer[i] != '.'; ++i) whole = whole * 10 + (buffer[i] - '0');
  int d1 = 0, d2 = 0, d3 = 0;
  if (i < n && buffer[i] == '.') {
    d1 = buffer[i + 1] - '0';
    d2 = buffer[i + 2] - '0';
    d3 = buffer[i + 3] - '0';
  }
  Cents cents = whole * 100 + d1 * 10 + d2;
  if (d3 >= 5) cents += 1;  // half away from zero: the sign is applied afterwards
  return amount < 0 ? -cents : cents;
}

double to_double(Cents cents) { return static_cast<double>(cents) / 100.0; }

Money Money::reduce(Wide num, Wide den) {
  Money out;
  if (den == 0) return invalid();
  if (den < 0) {
    num = -num;
    den = -den;
  }
  if (num == 0) return out;  // 0/1
  const Wide g = wide_gcd(num, den);
  num /= g;
  den /= g;
  // INT64_MIN over a negative or even denominator is one way to get here from int64 inputs.
  if (!fits_int64(num) || !fits_int64(den)) return invalid();
  out.num_ = static_cast<std::int64_t>(num);
  out.den_ = static_cast<std::int64_t>(den);
  return out;
}

Money::Money(std::int64_t num, std::int64_t den) : Money(reduce(num, den)) {}

Money Money::invalid() {
  Money out;
  out.den_ = 0;
  return out;
}

Money Money::operator+(const Money& other) const {
  if (!valid() || !other.valid()) return invalid();
  // Both denominators are below 2^63, so every product here stays below 2^126.
  const Wide g = wide_gcd(den_, other.den_);
  const Wide den = Wide(den_) / g * other.den_;
  const Wide num = Wide(num_) * (den / den_) + Wide(other.num_) * (den / other.den_);
  return reduce(num, den);
}

Money Money::operator-(const Money& other) const { return *this + other * -1; }

Money Money::operator*(std::int64_t k) const { return scaled(k, 1); }

Money Money::scaled(std::int64_t num, std::int64_t den) const {
  if (!valid()) return invalid();
  return reduce(Wide(num_) * num, Wide(den_) * den);
}

std::optional<Cents> Money::round_cents() const {
  if (!valid()) return std::nullopt;
  Wide q = Wide(num_) / den_;  // truncates toward zero
  const Wide r = Wide(num_) % den_;  // same sign as num_
  if (2 * wide_abs(r) >= den_) q += (num_ < 0 ? -1 : 1);
  if (!fits_int64(q)) return std::nullopt;
  return static_cast<Cents>(q);
}

std::string normalize_currency(std::string_view code) {
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.front()))) code.remove_prefix(1);
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.back()))) code.remove_suffix(1);
  std::string out(code);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace domain

// Exact money. Halo sends amounts as doubles; they are converted once to integer cents and from
// then on only exact arithmetic is used. A monthly value (a yearly amount / 12, a weekly amount *
// 52/12) is a rational number of cents; it is rounded to cents (half away from zero) only when a
// figure is printed, and totals are sums of the printed row figures so they add up to the cent.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace domain {

/// Whole cents. int64 holds +-92 quadrillion cents: no MSP overflows it.
using Cents = std::int64_t;

/// Halo double -> cents, rounding half away from zero (0.125 -> 13 cents is not possible from a
/// real invoice; Halo stores 2 decimals, the rounding only absorbs binary noise like 0.1+0.2).
Cents to_cents(double amount);

/// Cents as a JSON-friendly double (1234.5 for 123450); exact for every cent value below 2^53.
double to_double(Cents cents);

/// An exact rational amount of cents, kept normalised (den > 0, gcd(num, den) == 1).
class Money {
 public:
  Money() = default;
  static Money cents(Cents c) { return Money(c, 1); }
  Money(std::int64_t num, std::int64_t den);  // den != 0

  Money operator+(const Money& other) const;
  Money operator-(const Money& other) const;
  Money operator*(std::int64_t k) const;
  /// Multiply by the rational factor num/den (a billing period's monthly factor).
  Money scaled(std::int64_t num, std::int64_t den) const;
  bool operator==(const Money& other) const = default;
  bool is_zero() const { return num_ == 0; }

  /// Rounded to whole cents, half away from zero.
  Cents round_cents() const;
  std::int64_t num() const { return num_; }
  std::int64_t den() const { return den_; }

 private:
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

/// A currency code as compared and printed: upper case without surrounding blanks ("usd " ->
/// "USD"). Every place that reads a currency uses this, so "usd" and "USD" are one currency.
std::string normalize_currency(std::string_view code);

}  // namespace domain

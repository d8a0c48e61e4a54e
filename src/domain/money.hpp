// Exact money. Halo sends amounts as doubles; they are converted once to integer cents and from
// then on only exact arithmetic is used. A monthly value (a yearly amount / 12, a weekly amount *
// 52/12) is a rational number of cents; it is rounded to cents (half away from zero) only when a
// figure is printed, and totals are sums of the printed row figures so they add up to the cent.
#pragma once
#include <cstdint>
#include <optional>
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
///
/// No operation throws. Arithmetic runs in 128 bits, so intermediate products cannot overflow;
/// a result whose reduced numerator or denominator does not fit int64 (amounts a million times
/// larger than any MSP's), or a zero denominator, gives an *invalid* Money instead. Invalid is
/// absorbing: any arithmetic with an invalid operand is invalid, so a sum of many items that
/// overflowed anywhere stays invalid to the end, and round_cents() then has no value to give.
/// Callers print such a figure as unavailable rather than a wrong number.
class Money {
 public:
  Money() = default;
  static Money cents(Cents c) { return Money(c, 1); }
  /// num/den; invalid when den == 0.
  Money(std::int64_t num, std::int64_t den);
  /// The value every overflowing or undefined operation yields.
  static Money invalid();

  Money operator+(const Money& other) const;
  Money operator-(const Money& other) const;
  Money operator*(std::int64_t k) const;
  /// Multiply by the rational factor num/den (a billing period's monthly factor).
  Money scaled(std::int64_t num, std::int64_t den) const;
  /// All invalid values are equal to each other and to nothing else.
  bool operator==(const Money& other) const = default;
  [[nodiscard]] bool valid() const { return den_ != 0; }
  [[nodiscard]] bool is_zero() const { return valid() && num_ == 0; }

  /// Rounded to whole cents, half away from zero; nullopt when invalid.
  [[nodiscard]] std::optional<Cents> round_cents() const;
  /// The normalised fraction; 0/0 when invalid.
  std::int64_t num() const { return num_; }
  std::int64_t den() const { return den_; }

 private:
  /// num/den reduced to lowest terms with a positive denominator, computed in 128 bits; invalid
  /// when den is zero or the reduced fraction does not fit int64.
  static Money reduce(__int128 num, __int128 den);

  std::int64_t num_ = 0;
  std::int64_t den_ = 1;  ///< 0 marks an invalid value (then num_ is 0 too)
};

/// A currency code as compared and printed: upper case without surrounding blanks ("usd " ->
/// "USD"). Every place that reads a currency uses this, so "usd" and "USD" are one currency.
std::string normalize_currency(std::string_view code);

}  // namespace domain

// Exact money: normalisation, arithmetic without overflow, rounding half away from zero, and the
// double -> cents conversion that absorbs binary noise.
#include "domain/money.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace domain {
namespace {

TEST(Money, NormalisesSignAndCommonFactors) {
  Money half(2, 4);
  EXPECT_EQ(half.num(), 1);
  EXPECT_EQ(half.den(), 2);
  Money negative_third(1, -3);
  EXPECT_EQ(negative_third.num(), -1);
  EXPECT_EQ(negative_third.den(), 3);
  Money zero(0, 7);
  EXPECT_EQ(zero.num(), 0);
  EXPECT_EQ(zero.den(), 1);
  EXPECT_TRUE(zero.is_zero());
  EXPECT_EQ(Money(6, 4), Money(3, 2));
}

TEST(Money, AddsSubtractsAndScalesExactly) {
  EXPECT_EQ(Money(1, 3) + Money(1, 6), Money(1, 2));
  EXPECT_EQ(Money(1, 3) - Money(1, 2), Money(-1, 6));
  EXPECT_EQ(Money(1, 3) * 3, Money::cents(1));
  // 10.00 a week is 520/12 a month = 43.333...
  Money weekly = Money::cents(1000).scaled(52, 12);
  EXPECT_EQ(weekly.num(), 13000);
  EXPECT_EQ(weekly.den(), 3);
  EXPECT_EQ(weekly.round_cents(), 4333);
  // Three thirds of 100.00 / 12 add back to exactly 25.00.
  Money third = Money::cents(10000).scaled(1, 12);
  EXPECT_EQ(third + third + third, Money::cents(2500));
}

TEST(Money, RoundsHalfAwayFromZero) {
  EXPECT_EQ(Money(1, 2).round_cents(), 1);
  EXPECT_EQ(Money(-1, 2).round_cents(), -1);
  EXPECT_EQ(Money(5, 2).round_cents(), 3);
  EXPECT_EQ(Money(-5, 2).round_cents(), -3);
  EXPECT_EQ(Money(1, 3).round_cents(), 0);
  EXPECT_EQ(Money(2, 3).round_cents(), 1);
  EXPECT_EQ(Money(-2, 3).round_cents(), -1);
  EXPECT_EQ(Money(10000, 12).round_cents(), 833);
  EXPECT_EQ(Money(-10000, 12).round_cents(), -833);
  EXPECT_EQ(Money::cents(-7).round_cents(), -7);
}

TEST(Money, IntermediateProductsDoNotOverflow) {
  // 6e18 * 3 overflows int64 before the division by 6; the result (3e18) does not.
  const std::int64_t big = 6'000'000'000'000'000'000;
  EXPECT_EQ(Money::cents(big).scaled(3, 6), Money::cents(3'000'000'000'000'000'000));
  // Bringing these to the common denominator 35 needs 7 * 5e18 > int64; the sum is -3/35.
  Money a(5'000'000'000'000'000'001, 5);
  Money b(-7'000'000'000'000'000'002, 7);
  EXPECT_EQ(a + b, Money(-3, 35));
}

TEST(Money, ResultOutOfRangeThrows) {
  EXPECT_THROW((void)(Money::cents(std::numeric_limits<std::int64_t>::max()) * 2), std::overflow_error);
}

TEST(ToCents, AbsorbsBinaryNoiseAndRoundsHalfAwayFromZero) {
  EXPECT_EQ(to_cents(0.1 + 0.2), 30);
  EXPECT_EQ(to_cents(12.34), 1234);
  EXPECT_EQ(to_cents(1234.5), 123450);
  EXPECT_EQ(to_cents(1.005), 101);    // stored as 1.00499999999999989...
  EXPECT_EQ(to_cents(-1.005), -101);
  EXPECT_EQ(to_cents(2.675), 268);    // stored as 2.67499999999999982...
  EXPECT_EQ(to_cents(0.005), 1);
  EXPECT_EQ(to_cents(-0.005), -1);
  EXPECT_EQ(to_cents(-0.004), 0);
  EXPECT_EQ(to_cents(0.0), 0);
  EXPECT_EQ(to_cents(99999999.99), 9999999999);
  EXPECT_EQ(to_cents(std::nan("")), 0);
}

TEST(ToDouble, PrintsCentsAsUnits) {
  EXPECT_EQ(to_double(123450), 1234.5);
  EXPECT_EQ(to_double(-1), -0.01);
  EXPECT_EQ(to_double(833), 8.33);
  EXPECT_EQ(to_double(0), 0.0);
}

}  // namespace
}  // namespace domain

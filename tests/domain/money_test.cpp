// Exact money: normalisation, arithmetic without overflow, an invalid value (never an exception)
// when a result is too large, rounding half away from zero, and the double -> cents conversion
// that absorbs binary noise.
#include "domain/money.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>

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

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

TEST(Money, TwoHugeAmountsAddUpToAnInvalidValueNotAWrappedOne) {
  const Money sum = Money::cents(kMax) + Money::cents(1);
  EXPECT_FALSE(sum.valid());
  EXPECT_FALSE(sum.round_cents().has_value());
  EXPECT_FALSE(sum.is_zero());
  // The largest amount itself is fine, and so is a sum that comes back into range.
  EXPECT_EQ(Money::cents(kMax).round_cents(), kMax);
  EXPECT_EQ(Money::cents(kMax) + Money::cents(-1), Money::cents(kMax - 1));
  EXPECT_EQ((Money::cents(kMin) + Money::cents(-1)).round_cents(), std::nullopt);
}

TEST(Money, ScalingByAHugeFactorIsInvalid) {
  const Money ten_million = Money::cents(1'000'000'000);
  EXPECT_FALSE(ten_million.scaled(kMax, 1).valid());
  EXPECT_FALSE((ten_million * 10'000'000'000).valid());  // 10^19 cents
  EXPECT_EQ(ten_million.scaled(kMax, kMax), ten_million);  // huge factors that cancel are exact
  EXPECT_FALSE(Money(1, kMax).scaled(1, kMax).valid());    // a denominator beyond int64
}

TEST(Money, InvalidIsAbsorbing) {
  const Money bad = Money::cents(kMax) * 2;
  ASSERT_FALSE(bad.valid());
  EXPECT_FALSE((bad + Money::cents(1)).valid());
  EXPECT_FALSE((Money::cents(1) + bad).valid());
  EXPECT_FALSE((bad - bad).valid());  // not zero: the true value is unknown
  EXPECT_FALSE((bad * 0).valid());
  EXPECT_FALSE(bad.scaled(1, 2).valid());
  EXPECT_EQ(bad, Money::invalid());
  EXPECT_NE(Money::invalid(), Money::cents(0));
  // A running total over many items that overflowed once stays invalid to the end.
  Money total;
  for (int i = 0; i < 200; ++i) total = total + Money::cents(90'000'000'000'000'000);  // 9e16, to_cents' cap
  EXPECT_FALSE(total.valid());
  // Taking as much away again would bring the true value back into range: it stays invalid.
  for (int i = 0; i < 199; ++i) total = total + Money::cents(-90'000'000'000'000'000);
  EXPECT_FALSE(total.valid());
}

TEST(Money, ZeroDenominatorsAndTheSmallestInt64AreHandledWithoutExceptions) {
  EXPECT_FALSE(Money(1, 0).valid());
  EXPECT_FALSE(Money::cents(5).scaled(1, 0).valid());
  EXPECT_FALSE((Money::cents(kMin) * -1).valid());  // 2^63 does not fit
  EXPECT_FALSE(Money(kMin, -1).valid());
  const Money half_min(kMin, 2);  // reduces to -2^62 / 1
  ASSERT_TRUE(half_min.valid());
  EXPECT_EQ(half_min.num(), kMin / 2);
  EXPECT_EQ(half_min.den(), 1);
  EXPECT_EQ(Money(kMin, kMin), Money::cents(1));
  EXPECT_FALSE(Money(-3, kMin).valid());  // 3 / 2^63: the denominator does not fit
  EXPECT_EQ(Money(-4, kMin), Money(1, 1LL << 61));
  EXPECT_EQ(Money(-4, kMin).round_cents(), 0);
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

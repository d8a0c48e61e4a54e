// The billing-period table: default codes (halo-api.md section 7), liberal label parsing that
// refuses to guess, labels winning over codes, HALO_PERIOD_CODES and HALO_PERIOD_LABELS overrides.
#include "domain/periods.hpp"

#include <gtest/gtest.h>

namespace domain {
namespace {

std::string name_of_code(const PeriodTable& table, std::int64_t code) {
  auto p = table.resolve(std::nullopt, code);
  return p ? p->name : "none";
}

std::string name_of_label(std::string_view label) {
  auto p = PeriodTable::parse_label(label);
  return p ? p->name : "none";
}

TEST(PeriodTable, DefaultCodes) {
  auto table = PeriodTable::defaults();
  EXPECT_EQ(name_of_code(table, 1), "weekly");
  EXPECT_EQ(name_of_code(table, 2), "monthly");
  EXPECT_EQ(name_of_code(table, 3), "yearly");
  EXPECT_EQ(name_of_code(table, 4), "quarterly");
  EXPECT_EQ(name_of_code(table, 7), "three-yearly");
  EXPECT_EQ(name_of_code(table, 8), "two-yearly");
  EXPECT_EQ(name_of_code(table, 9), "four-yearly");
  EXPECT_EQ(name_of_code(table, 0), "none");
  EXPECT_EQ(name_of_code(table, 5), "none");
  EXPECT_EQ(name_of_code(table, 6), "none");
  EXPECT_FALSE(table.resolve(std::nullopt, std::nullopt));
}

TEST(PeriodTable, Factors) {
  auto table = PeriodTable::defaults();
  auto weekly = table.resolve(std::nullopt, 1);
  ASSERT_TRUE(weekly);
  EXPECT_EQ(Money(weekly->factor_num, weekly->factor_den), Money(52, 12));
  auto expect_factor = [&](std::string_view label, std::int64_t num, std::int64_t den) {
    auto p = PeriodTable::parse_label(label);
    ASSERT_TRUE(p) << label;
    EXPECT_EQ(Money(p->factor_num, p->factor_den), Money(num, den)) << label;
  };
  expect_factor("Monthly", 1, 1);
  expect_factor("Quarterly", 1, 3);
  expect_factor("Half-Yearly", 1, 6);
  expect_factor("Yearly", 1, 12);
  expect_factor("2 Yearly", 1, 24);
  expect_factor("3 Yearly", 1, 36);
  expect_factor("4 Yearly", 1, 48);
}

TEST(PeriodTable, ParsesLabelsLiberally) {
  const std::pair<const char*, const char*> cases[] = {
      {"Weekly", "weekly"},           {"weekly", "weekly"},             {"Monthly", "monthly"},
      {"MONTHLY", "monthly"},         {"Every Month", "monthly"},       {"1 Monthly", "monthly"},
      {"Quarterly", "quarterly"},     {"3 Monthly", "quarterly"},       {"Three Monthly", "quarterly"},
      {"Half-Yearly", "half-yearly"}, {"Half Yearly", "half-yearly"},   {"6 Monthly", "half-yearly"},
      {"Six Monthly", "half-yearly"}, {"6-Monthly", "half-yearly"},     {"Semi-Annually", "half-yearly"},
      {"Annually", "yearly"},         {"Yearly", "yearly"},             {"Annual", "yearly"},
      {"Per Annum", "yearly"},        {"12 Monthly", "yearly"},         {"2 Yearly", "two-yearly"},
      {"Two Yearly", "two-yearly"},   {"two-yearly", "two-yearly"},     {"Biennial", "two-yearly"},
      {"Every 2 Years", "two-yearly"}, {"3 Yearly", "three-yearly"},    {"Three-Yearly", "three-yearly"},
      {"4 Yearly", "four-yearly"},    {"Four Yearly", "four-yearly"},   {"  Monthly  ", "monthly"},
  };
  for (const auto& [label, expected] : cases) EXPECT_EQ(name_of_label(label), expected) << label;
}

TEST(PeriodTable, RefusesToGuess) {
  for (const char* label : {"", "   ", "Bi-Annual", "Biannually", "Fortnightly", "Bi-Monthly", "Daily", "5 Monthly",
                            "2 Weekly", "None", "Custom", "Monthly Yearly", "Mensuel"}) {
    EXPECT_EQ(name_of_label(label), "none") << label;
  }
}

TEST(PeriodTable, LabelWinsOverCode) {
  auto table = PeriodTable::defaults();
  auto p = table.resolve(std::string_view("Quarterly"), 2);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "quarterly");
  // An empty label is no label.
  p = table.resolve(std::string_view(""), 3);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "yearly");
}

TEST(PeriodTable, UnreadableLabelFallsBackToTheConfiguredCode) {
  auto table = PeriodTable::defaults();
  auto p = table.resolve(std::string_view("Mensuel"), 2);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "monthly");
  EXPECT_FALSE(table.resolve(std::string_view("Mensuel"), 5));
  EXPECT_FALSE(table.resolve(std::string_view("Mensuel"), std::nullopt));
}

TEST(PeriodTable, OverridesReplaceAndAddCodes) {
  auto base = PeriodTable::defaults();
  auto table = base.with_overrides(" 5 = Half-Yearly, 3=monthly ,");
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(name_of_code(*table, 5), "half-yearly");
  EXPECT_EQ(name_of_code(*table, 3), "monthly");
  EXPECT_EQ(name_of_code(*table, 2), "monthly");
  EXPECT_EQ(name_of_code(*table, 1), "weekly");
  // The original is untouched.
  EXPECT_EQ(name_of_code(base, 3), "yearly");
  EXPECT_EQ(name_of_code(base, 5), "none");
  auto same = base.with_overrides("");
  ASSERT_TRUE(same);
  EXPECT_EQ(name_of_code(*same, 3), "yearly");
}

TEST(PeriodTable, BadOverridesAreConfigErrors) {
  auto base = PeriodTable::defaults();
  for (const char* spec : {"5", "x=monthly", "5=sometimes", "-1=monthly", "=monthly", "5=", "2=monthly,7"}) {
    auto table = base.with_overrides(spec);
    ASSERT_FALSE(table) << spec;
    EXPECT_EQ(table.error().kind, util::ErrorKind::kConfig) << spec;
    EXPECT_NE(table.error().message.find("HALO_PERIOD_CODES"), std::string::npos) << spec;
  }
}

std::string name_of(const PeriodTable& table, std::string_view label, std::optional<std::int64_t> code = std::nullopt) {
  auto p = table.resolve(label, code);
  return p ? p->name : "none";
}

TEST(PeriodTable, ConfiguredLabelsResolveWhatTheParserRefuses) {
  auto base = PeriodTable::defaults();
  ASSERT_EQ(name_of(base, "Bi-Annually"), "none");  // the parser refuses: twice a year or every two?
  auto table = base.with_label_overrides("Bi-Annually=half-yearly, Every Other Year = Two Yearly ,");
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(name_of(*table, "Bi-Annually"), "half-yearly");
  EXPECT_EQ(name_of(*table, "  bi-annually "), "half-yearly");  // case and surrounding spaces ignored
  EXPECT_EQ(name_of(*table, "BI-ANNUALLY", 5), "half-yearly");
  EXPECT_EQ(name_of(*table, "Every Other Year"), "two-yearly");
  auto factor = table->resolve(std::string_view("Bi-Annually"), std::nullopt);
  ASSERT_TRUE(factor);
  EXPECT_EQ(Money(factor->factor_num, factor->factor_den), Money(1, 6));
  // Exact match only: a different spelling is not the configured label, and the parser still
  // refuses it, so the code decides (or nothing does).
  EXPECT_EQ(name_of(*table, "Bi Annually"), "none");
  EXPECT_EQ(name_of(*table, "Bi-Annually Billing"), "none");
  EXPECT_EQ(name_of(*table, "Bi Annually", 2), "monthly");
  // Labels the parser knows keep working, and codes are untouched.
  EXPECT_EQ(name_of(*table, "Quarterly"), "quarterly");
  EXPECT_EQ(name_of_code(*table, 3), "yearly");
  // The original is untouched.
  EXPECT_EQ(name_of(base, "Bi-Annually"), "none");
  auto same = base.with_label_overrides("  ");
  ASSERT_TRUE(same);
  EXPECT_EQ(name_of(*same, "Bi-Annually"), "none");
}

TEST(PeriodTable, ConfiguredLabelWinsOverTheParserAndTheCode) {
  auto table = PeriodTable::defaults().with_label_overrides("Annual=half-yearly");
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(name_of(*table, "Annual"), "half-yearly");      // the parser alone says yearly
  EXPECT_EQ(name_of(*table, "annual", 2), "half-yearly");   // the code says monthly
  EXPECT_EQ(name_of(*table, "Annually"), "yearly");         // not the configured label
  // Later entries win, as for codes.
  auto twice = PeriodTable::defaults().with_label_overrides("Custom=monthly,custom=quarterly");
  ASSERT_TRUE(twice);
  EXPECT_EQ(name_of(*twice, "Custom"), "quarterly");
}

TEST(PeriodTable, CodeAndLabelOverridesCompose) {
  auto codes = PeriodTable::defaults().with_overrides("5=half-yearly");
  ASSERT_TRUE(codes);
  auto both = codes->with_label_overrides("Bi-Annually=two-yearly");
  ASSERT_TRUE(both);
  EXPECT_EQ(name_of_code(*both, 5), "half-yearly");
  EXPECT_EQ(name_of(*both, "Bi-Annually", 5), "two-yearly");  // label beats code
  auto again = both->with_overrides("6=monthly");             // and the other way round
  ASSERT_TRUE(again);
  EXPECT_EQ(name_of(*again, "Bi-Annually"), "two-yearly");
  EXPECT_EQ(name_of_code(*again, 6), "monthly");
}

TEST(PeriodTable, BadLabelOverridesAreConfigErrorsNamingTheEntry) {
  auto base = PeriodTable::defaults();
  const std::pair<const char*, const char*> cases[] = {
      {"Bi-Annually", "'Bi-Annually'"},
      {"=half-yearly", "'=half-yearly'"},
      {"  = monthly", "'= monthly'"},
      {"Bi-Annually=", "'Bi-Annually='"},
      {"Bi-Annually=sometimes", "'Bi-Annually=sometimes'"},
      {"Bi-Annually=Bi-Annual", "'Bi-Annually=Bi-Annual'"},  // the target must be a period the parser reads
      {"Custom=monthly,Other", "'Other'"},
  };
  for (const auto& [spec, named] : cases) {
    auto table = base.with_label_overrides(spec);
    ASSERT_FALSE(table) << spec;
    EXPECT_EQ(table.error().kind, util::ErrorKind::kConfig) << spec;
    EXPECT_NE(table.error().message.find("HALO_PERIOD_LABELS"), std::string::npos) << table.error().message;
    EXPECT_NE(table.error().message.find(named), std::string::npos) << table.error().message;
    EXPECT_FALSE(table.error().hint.empty()) << spec;
  }
}

TEST(PeriodTable, MonthlyValueIsExact) {
  auto yearly = PeriodTable::parse_label("Yearly");
  ASSERT_TRUE(yearly);
  Money monthly = PeriodTable::monthly_value(10000, *yearly);
  EXPECT_EQ(monthly, Money(2500, 3));
  EXPECT_EQ(monthly.round_cents(), 833);
  auto weekly = PeriodTable::parse_label("Weekly");
  EXPECT_EQ(PeriodTable::monthly_value(12000, *weekly), Money::cents(52000));
}

}  // namespace
}  // namespace domain

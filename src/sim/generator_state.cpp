// The helpers every record group of the generator uses: scaling, timestamps, names, random picks.
#include "sim/generator_state.hpp"

#include <algorithm>
#include <cmath>

#include "sim/dates.hpp"
#include "sim/generator_words.hpp"

namespace sim::gen {

std::string halo_currency(const std::string& iso, int record_id) {
  if (record_id % 3 != 0) return iso;
  if (iso == "GBP") return "\xC2\xA3";      // £
  if (iso == "EUR") return "\xE2\x82\xAC";  // €
  if (iso == "USD") return "$";
  return iso;
}

namespace d = dates;

long next_boundary(long day, const Period& p) { return p.months == 0 ? day + 7 : d::add_months(day, p.months); }

double round2(double v) { return std::round(v * 100.0) / 100.0; }

int Generation::scaled(double base) const { return std::max(1, static_cast<int>(std::lround(base * scale))); }

int Generation::scaled_sqrt(double base) const {
  return scale <= 1 ? scaled(base) : std::max(1, static_cast<int>(std::lround(base * std::sqrt(scale))));
}

std::string Generation::stamp(long day) {
  // Sequenced draws (function arguments are evaluated in an unspecified order; this is the order
  // GCC used, which the golden datasets record).
  const int fraction = static_cast<int>(rng.range(0, 9999999));
  const int second_of_day = static_cast<int>(rng.range(8 * 3600, 17 * 3600));
  return d::halo_timestamp(day, second_of_day, fraction);
}

std::string Generation::person() {
  // Two draws, sequenced: the operands of + are evaluated in an unspecified order (GCC took the
  // surname first, clang the first name), and the dataset must not depend on the compiler. Every
  // draw of the generator is a statement of its own, or an element of a braced list (evaluated
  // left to right), never two operands or arguments of one call.
  const std::string surname = rng.pick(words::kSurnames);
  const std::string first_name = rng.pick(words::kFirstNames);
  return first_name + " " + surname;
}

const ClientInfo& Generation::active_client() {
  for (;;) {
    const auto& c = clients[static_cast<std::size_t>(rng.range(0, static_cast<long>(clients.size()) - 1))];
    if (!c.inactive || clients.size() < 2) return c;
  }
}

const AgentInfo& Generation::random_agent() {
  return agents[static_cast<std::size_t>(rng.range(0, static_cast<long>(agents.size()) - 1))];
}

const ClientInfo* Generation::client_by_id(int id) const {
  for (const auto& c : clients) {
    if (c.id == id) return &c;
  }
  return &clients.front();
}

Rng Generation::side_stream(std::uint64_t stream, long id) const {
  return Rng(seed ^ stream ^ (static_cast<std::uint64_t>(id) * 0xD1B54A32D192ED03ull));
}

}  // namespace sim::gen

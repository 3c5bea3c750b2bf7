#pragma once
// The area under a perturbation curve, as faithfulness scores report it. Torch-free (the CLI merges curves).
#include <stdexcept>
#include <vector>

namespace vitlens {

// 100 x the trapezoid area under y over x (x rising; a fraction of patches, y in [0, 1]).
inline double areaUnderCurve(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) throw std::invalid_argument("curve and steps differ in length");
  double area = 0.0;
  for (size_t i = 1; i < x.size(); ++i) area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
  return 100.0 * area;
}

}  // namespace vitlens

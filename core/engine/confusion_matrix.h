#pragma once
// Counts of (true class, predicted class) over a data set, and matching a data set's class folders to a model's
// labels. Free of torch and OpenCV.
#include <cstdint>
#include <string>
#include <vector>

namespace vitlens {

class ConfusionMatrix {
 public:
  explicit ConfusionMatrix(std::vector<std::string> labels);

  void add(int64_t truth, int64_t predicted);  // throws std::out_of_range for indices outside the labels
  const std::vector<std::string>& labels() const { return labels_; }
  int64_t count(int64_t truth, int64_t predicted) const;
  const std::vector<std::vector<int64_t>>& counts() const { return counts_; }  // [truth][predicted]
  int64_t total() const;
  int64_t rowTotal(int64_t truth) const;
  double accuracy() const;                    // 0 when empty
  double classAccuracy(int64_t truth) const;  // recall of one class; 0 when it has no samples
  // Rows true, columns predicted, headed by the labels (abbreviated to fit), one line per row.
  std::string table() const;

 private:
  std::vector<std::string> labels_;
  std::vector<std::vector<int64_t>> counts_;
};

// The model label index of each folder (class) name. Throws std::runtime_error naming the first folder that is
// not among the labels. Labels without a folder are fine.
std::vector<int64_t> matchFoldersToLabels(const std::vector<std::string>& folders,
                                          const std::vector<std::string>& labels);

}  // namespace vitlens

#include "engine/confusion_matrix.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "util/message_text.h"

namespace vitlens {

ConfusionMatrix::ConfusionMatrix(std::vector<std::string> labels)
    : labels_(std::move(labels)), counts_(labels_.size(), std::vector<int64_t>(labels_.size(), 0)) {}

void ConfusionMatrix::add(int64_t truth, int64_t predicted) {
  ++counts_.at(static_cast<size_t>(truth)).at(static_cast<size_t>(predicted));
}

int64_t ConfusionMatrix::count(int64_t truth, int64_t predicted) const {
  return counts_.at(static_cast<size_t>(truth)).at(static_cast<size_t>(predicted));
}

int64_t ConfusionMatrix::rowTotal(int64_t truth) const {
  const auto& row = counts_.at(static_cast<size_t>(truth));
  return std::accumulate(row.begin(), row.end(), int64_t{0});
}

int64_t ConfusionMatrix::total() const {
  int64_t sum = 0;
  for (size_t i = 0; i < counts_.size(); ++i) sum += rowTotal(static_cast<int64_t>(i));
  return sum;
}

double ConfusionMatrix::accuracy() const {
  int64_t diagonal = 0;
  for (size_t i = 0; i < counts_.size(); ++i) diagonal += counts_[i][i];
  const int64_t all = total();
  return all > 0 ? static_cast<double>(diagonal) / static_cast<double>(all) : 0.0;
}

double ConfusionMatrix::classAccuracy(int64_t truth) const {
  const int64_t row = rowTotal(truth);
  return row > 0 ? static_cast<double>(count(truth, truth)) / static_cast<double>(row) : 0.0;
}

std::string ConfusionMatrix::table() const {
  // Columns wide enough for the largest count; headers cut to that width so the table stays readable.
  // Labels come from the model file: escaped, so a control character cannot break the table or the terminal.
  std::vector<std::string> labels;
  for (const std::string& label : labels_) labels.push_back(escapeControlCharacters(label));
  int64_t largest = 0;
  size_t labelWidth = 4;
  for (size_t i = 0; i < counts_.size(); ++i) {
    labelWidth = std::max(labelWidth, labels[i].size());
    for (int64_t value : counts_[i]) largest = std::max(largest, value);
  }
  const size_t cell = std::max<size_t>(std::to_string(largest).size(), 5) + 1;
  std::string text = std::string(labelWidth, ' ') + " |";
  for (const std::string& label : labels) {
    const std::string head = label.substr(0, cell - 1);
    text += std::string(cell - head.size(), ' ') + head;
  }
  text += "\n" + std::string(labelWidth, '-') + "-+" + std::string(cell * labels_.size(), '-') + "\n";
  for (size_t i = 0; i < counts_.size(); ++i) {
    text += labels[i] + std::string(labelWidth - labels[i].size(), ' ') + " |";
    for (int64_t value : counts_[i]) {
      const std::string number = std::to_string(value);
      text += std::string(cell - number.size(), ' ') + number;
    }
    text += "\n";
  }
  return text;
}

std::vector<int64_t> matchFoldersToLabels(const std::vector<std::string>& folders,
                                          const std::vector<std::string>& labels) {
  std::vector<int64_t> indices;
  for (const std::string& folder : folders) {
    const auto found = std::find(labels.begin(), labels.end(), folder);
    if (found == labels.end()) {
      // A few names are enough to see the mismatch; 1,000 ImageNet labels would flood the terminal.
      constexpr size_t kShown = 8;
      std::string known;
      for (size_t i = 0; i < labels.size() && i < kShown; ++i) known += (i ? ", " : "") + labels[i];
      if (labels.size() > kShown) known += ", ... and " + std::to_string(labels.size() - kShown) + " more";
      throw std::runtime_error("class folder '" + folder + "' is not among the model's labels (" + known + ")");
    }
    indices.push_back(static_cast<int64_t>(found - labels.begin()));
  }
  return indices;
}

}  // namespace vitlens

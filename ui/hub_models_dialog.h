#pragma once
// Model › Models on This Computer: the ViTs in the local Hugging Face cache (model/hub_cache.h), with size,
// library, architecture and date; double-click or Open loads one. Those vitlens cannot open are listed greyed,
// with the reason, when asked for.
#include <QDialog>
#include <QString>

#include <vector>

#include "model/hub_cache.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace vitlens::ui {

class HubModelsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit HubModelsDialog(QWidget* parent = nullptr);

  // Reads the cache again (the dialog does on opening).
  void refresh();
  QTableWidget* table() const { return table_; }
  // hf:ORG/NAME@REV of the selected row, or empty.
  QString selectedReference() const;

 Q_SIGNALS:
  void modelChosen(const QString& reference);

 private:
  void fill();
  void openSelected();

  std::vector<CachedModel> models_;
  QLabel* where_ = nullptr;
  QCheckBox* showAll_ = nullptr;
  QTableWidget* table_ = nullptr;
  QPushButton* open_ = nullptr;
};

}  // namespace vitlens::ui

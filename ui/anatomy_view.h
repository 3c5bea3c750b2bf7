#pragma once
// What the model learned before it saw any image (ViT paper, Figure 7 left and centre): the patch-embedding filters
// and their principal components, the position embeddings' similarity, and the architecture.
#include <QImage>
#include <QWidget>

class QLabel;

namespace vitlens::ui {

struct ModelInfo;

class AnatomyView : public QWidget {
  Q_OBJECT

 public:
  explicit AnatomyView(QWidget* parent = nullptr);

  void setModel(const ModelInfo& info);
  // Everything in the view as one picture, for export.
  QImage renderImage() const;
  bool hasModel() const { return hasModel_; }

 private:
  QWidget* content_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* filters_ = nullptr;
  QLabel* components_ = nullptr;
  QLabel* similarity_ = nullptr;
  bool hasModel_ = false;
};

}  // namespace vitlens::ui

#pragma once

#include <QToolButton>

class ChatModelListModel;
class ModelPickerPopup;

/// The button that shows the conversation's model and opens the searchable list of the
/// gateway's models.
class ModelPicker : public QToolButton
{
    Q_OBJECT

public:
    explicit ModelPicker(QWidget *parent = nullptr);

    /// The list to pick from (not owned).
    void setModelList(ChatModelListModel *models);
    void setCurrentModel(const QString &model);
    QString currentModel() const { return m_model; }
    void setStatus(const QString &text);
    void openPopup();
    ModelPickerPopup *popup() const { return m_popup; }

Q_SIGNALS:
    void modelChosen(const QString &model);
    /// The list is opened or the user asked for a fresh one.
    void refreshRequested();

private:
    ModelPickerPopup *m_popup;
    QString m_model;
};

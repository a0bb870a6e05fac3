// CarePlan Link — CarePlanClient

/// One 実績削除 row's scope.
struct ResultsDeletion: Hashable {
    /// サービス事業者コード (事業所番号)
    let providerOfficeCode: String
    /// サービス種類コード
    let serviceTypeCode: String
}

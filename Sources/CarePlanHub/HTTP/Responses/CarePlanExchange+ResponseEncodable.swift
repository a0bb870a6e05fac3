// CarePlan Link — CarePlanHub
public import CarePlanExchange
public import Hummingbird

// The wire types are answers as they are: encoded by the request context's encoder (``HubRequestContext/responseEncoder``).
extension UnitView: ResponseEncodable {}
extension UnitPage: ResponseEncodable {}
extension UploadResult: ResponseEncodable {}
extension SignedReceipt: ResponseEncodable {}
extension OfficeList: ResponseEncodable {}
extension PartnerList: ResponseEncodable {}
extension PartnerView: ResponseEncodable {}
extension BatchResult: ResponseEncodable {}
extension MonthView: ResponseEncodable {}

// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanHub

/// `careplan admin list offices|users|tokens`.
extension AdminListing: ExpressibleByArgument {}

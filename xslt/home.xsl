<?xml version="1.0" encoding="UTF-8"?>
<!--
  home.xsl : the home page (index.html): what the edition is, how to read it, and the
  sources with genre, date and stance (from each header's profileDesc keywords).

  Run once from xsl:initial-template (stage "home"); the principal output is the page.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="modules/layout.xsl"/>
  <xsl:import href="modules/header.xsl"/>
  <xsl:import href="modules/sigla.xsl"/>

  <!-- The parts of the home page. -->
  <xsl:mode name="pe:home" on-no-match="shallow-skip"/>

  <xsl:template name="xsl:initial-template">
    <xsl:variable name="path" as="xs:string" select="pe:page-path('home')"/>
    <xsl:call-template name="pe:page">
      <xsl:with-param name="path" select="$path"/>
      <xsl:with-param name="title" select="pe:label('site-title')"/>
      <xsl:with-param name="current" select="'home'"/>
      <xsl:with-param name="body-class" select="'page-home'"/>
      <xsl:with-param name="head" as="element()*">
        <xsl:sequence select="pe:meta-tags(pe:label('site-title'), $path, ())"/>
        <xsl:sequence select="pe:json-ld(map {
          '@type': 'WebSite', 'name': pe:label('site-title'), 'description': pe:label('site-subtitle'),
          'version': pe:edition-version(), 'dateModified': pe:build-date(), 'inLanguage': 'en',
          'license': $pe:licence,
          'publisher': map { '@type': 'Organization', 'name': pe:label('publisher') } })"/>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <h1><xsl:value-of select="pe:label('site-title')"/></h1>
        <p class="lead"><xsl:value-of select="pe:label('site-subtitle')"/></p>
        <section class="prose" aria-labelledby="what-heading">
          <h2 id="what-heading"><xsl:value-of select="pe:label('home-what')"/></h2>
          <xsl:for-each select="pe:project-paragraphs()">
            <p><xsl:apply-templates mode="pe:text"><xsl:with-param name="root" select="''" tunnel="yes"/></xsl:apply-templates></p>
          </xsl:for-each>
          <p><xsl:value-of select="pe:label('home-what-text')"/></p>
        </section>
        <section class="prose" aria-labelledby="how-heading">
          <h2 id="how-heading"><xsl:value-of select="pe:label('home-how')"/></h2>
          <ul>
            <xsl:for-each select="('home-how-1', 'home-how-2', 'home-how-3', 'home-how-4', 'home-how-5')">
              <li><xsl:value-of select="pe:label(.)"/></li>
            </xsl:for-each>
          </ul>
        </section>
        <section aria-labelledby="sources-heading">
          <h2 id="sources-heading"><xsl:value-of select="pe:label('home-sources')"/></h2>
          <ul class="source-cards">
            <xsl:apply-templates select="pe:source-headers()/tei:TEI" mode="pe:home"/>
          </ul>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- one source: title, genre, date and stance -->
  <xsl:template match="tei:TEI" mode="pe:home">
    <li class="source-card" id="source-{@xml:id}">
      <h3><xsl:call-template name="pe:source-name"><xsl:with-param name="siglum" select="string(@xml:id)"/></xsl:call-template></h3>
      <p class="source-card-title"><xsl:value-of select="pe:doc-title(.)"/></p>
      <dl>
        <dt><xsl:value-of select="pe:label('home-genre')"/></dt>
        <dd><xsl:value-of select="string-join(pe:genre(.) ! pe:term-label(.), ', ')"/></dd>
        <dt><xsl:value-of select="pe:label('home-date')"/></dt>
        <dd><xsl:value-of select="pe:source-date(.)"/></dd>
        <dt><xsl:value-of select="pe:label('home-stance')"/></dt>
        <dd><xsl:value-of select="string-join(pe:stance(.) ! pe:term-label(.), ', ')"/></dd>
      </dl>
    </li>
  </xsl:template>
</xsl:stylesheet>

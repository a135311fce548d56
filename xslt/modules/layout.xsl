<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl : the page shell every page of the edition shares (head with meta, CSS and
  script; skip link; site header and main navigation; <main>; footer with version, build
  date, licence and "cite this").

  HOW TO USE (every entry stylesheet)
    <xsl:import href="modules/layout.xsl"/>   (brings params, labels, functions, citation)

    <xsl:result-document href="{$path}" format="pe:html">
      <xsl:call-template name="pe:page">
        <xsl:with-param name="path" select="$path"/>            page path from the site root,
                                                                 e.g. pe:claim-path($id)
        <xsl:with-param name="title" select="'…'"/>             the page's own title (h1 is yours)
        <xsl:with-param name="current" select="'claims'"/>      nav key highlighted (optional)
        <xsl:with-param name="description" select="'…'"/>       meta description (optional)
        <xsl:with-param name="head" as="element()*">…</xsl:with-param>   extra head elements
        <xsl:with-param name="content" as="node()*">…</xsl:with-param>   what goes in <main>
        <xsl:with-param name="body-class" select="'claim'"/>    (optional)
      </xsl:call-template>
    </xsl:result-document>

  Inside the content, prefix site links with pe:root-of($path) (the template computes the
  same value for the shell). Assets: assets/edition.css (screen and print), assets/edition.js
  (enhancements only; every page works without it). The content starts with your own <h1>.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="citation.xsl"/>

  <!-- main navigation: page key -> label key, in display order (each index of $pe:indexes after
       the claims, labelled nav-{name}) -->
  <xsl:variable name="pe:nav" as="array(xs:string)*" select="
    ['home', 'nav-home'], ['claims', 'nav-claims'], $pe:indexes ! [?name, 'nav-' || ?name],
    ['chronology', 'nav-chronology'], ['method', 'nav-method'], ['bibliography', 'nav-bibliography'],
    ['guidelines', 'nav-guidelines'], ['about', 'nav-about'], ['cite', 'nav-cite'],
    ['search', 'nav-search']"/>

  <!-- The page's content as given, with a line break after each term and description of a
       description list: the search index (Pagefind) runs a dt and its dd together otherwise
       ("Figure681,692Counts…" in a search excerpt); in the page the break is only whitespace. -->
  <xsl:mode name="pe:spaced" on-no-match="shallow-copy"/>
  <xsl:template match="dt | dd" mode="pe:spaced">
    <xsl:next-match/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="pe:page" as="element()">
    <xsl:param name="path" as="xs:string" required="yes"/>
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="description" as="xs:string" select="pe:label('site-subtitle')"/>
    <xsl:param name="head" as="element()*" select="()"/>
    <xsl:param name="content" as="node()*" select="()"/>
    <xsl:param name="body-class" as="xs:string" select="''"/>
    <!-- false() keeps the page out of the search index (the search page itself) -->
    <xsl:param name="searchable" as="xs:boolean" select="true()"/>
    <!-- an address every relative link resolves against (the 404 page, served at any depth) -->
    <xsl:param name="base" as="xs:string?" select="()"/>
    <!-- false() leaves out the "Cite this page" block (the 404 page has nothing to cite) -->
    <xsl:param name="citable" as="xs:boolean" select="true()"/>
    <xsl:variable name="root" as="xs:string" select="pe:root-of($path)"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <xsl:for-each select="$base"><base href="{.}"/></xsl:for-each>
        <title>
          <xsl:value-of select="if ($current = 'home') then pe:label('site-title')
            else $title || ' · ' || pe:label('site-title')"/>
        </title>
        <meta name="description" content="{$description}"/>
        <link rel="icon" href="{$root}assets/favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <script src="{$root}assets/edition.js" defer=""></script>
        <script src="{$root}assets/cite.js" defer=""></script>
        <xsl:sequence select="$head"/>
      </head>
      <body>
        <xsl:if test="$body-class">
          <xsl:attribute name="class" select="$body-class"/>
        </xsl:if>
        <a class="skip-link" href="#main"><xsl:value-of select="pe:label('skip-to-content')"/></a>
        <header class="site-header">
          <p class="site-title">
            <a href="{$root}{pe:page-path('home')}"><xsl:value-of select="pe:label('site-title')"/></a>
          </p>
          <nav class="site-nav" aria-label="{pe:label('nav-main')}">
            <ul>
              <xsl:for-each select="$pe:nav">
                <li>
                  <a href="{$root}{pe:page-path(?1)}">
                    <xsl:if test="?1 = $current">
                      <xsl:attribute name="aria-current" select="'page'"/>
                    </xsl:if>
                    <xsl:value-of select="pe:label(?2)"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
          <form class="site-search" role="search" action="{$root}{pe:page-path('search')}" method="get">
            <label for="site-search-q" class="visually-hidden"><xsl:value-of select="pe:label('search-box')"/></label>
            <input type="search" id="site-search-q" name="q" placeholder="{pe:label('search-box')}"/>
            <button type="submit"><xsl:value-of select="pe:label('search')"/></button>
          </form>
        </header>
        <main id="main" tabindex="-1">
          <xsl:if test="$searchable">
            <!-- what Pagefind indexes (teipub/search.py): the page's own content, not its shell -->
            <xsl:attribute name="data-pagefind-body" select="''"/>
          </xsl:if>
          <xsl:apply-templates select="$content" mode="pe:spaced"/>
        </main>
        <footer class="site-footer">
          <p class="edition-version">
            <xsl:value-of select="pe:label('footer-version', (pe:edition-version(), pe:build-date()))"/>
            <xsl:text> </xsl:text>
            <a href="{$root}{pe:page-path('licence')}"><xsl:value-of select="pe:label('footer-licence')"/></a>
          </p>
          <xsl:if test="$citable"><xsl:sequence select="pe:cite-block($title, $path)"/></xsl:if>
        </footer>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
